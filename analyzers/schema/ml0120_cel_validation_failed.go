package schema

import (
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sync"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// CELValidationFailed reports values that break the CEL rules of their
// kind's schema.
var CELValidationFailed = &analyzers.Rule{
	ID: "ML0120", Name: "cel-validation-failed", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:  "a value breaks a CEL validation rule of its kind's schema",
	Istio:    []string{"IST0106"},
	Doc:      analyzers.MustDoc(ruleDocs, "ML0120"),
	Requires: []analyzers.Requirement{CELValidation},
	Run:      runCELValidation,
}

// celResult is the evaluation of one resource's CEL rules.
type celResult struct {
	violations []schemas.CELViolation
	stats      schemas.CELStats
	err        error // the schema does not load: the schema rules' finding
}

// CELValidation is every resource's CEL rules evaluated, once per run and
// on all cores: ML0120 reports the violations, and ML0005 stays silent
// where they are.
var CELValidation = &analyzers.Fact[map[*graph.Resource]*celResult]{
	Name:    "cel-validation",
	Compute: checkAllCEL,
}

func checkAllCEL(g *graph.Graph, reg *schemas.Registry) map[*graph.Resource]*celResult {
	resources := g.Resources
	results := make([]*celResult, len(resources))
	panics := make([]any, len(resources))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(resources); i += workers {
				results[i], panics[i] = checkCEL(reg, resources[i])
			}
		})
	}
	wg.Wait()
	for _, p := range panics {
		if p != nil {
			panic(p) // where the runner's recover names the rule, as before
		}
	}
	out := make(map[*graph.Resource]*celResult, len(resources))
	for i, r := range resources {
		out[r] = results[i]
	}
	return out
}

// checkCEL evaluates the CEL rules of r, returning what it panicked
// with, if it did: these goroutines are beyond the recover of the rule.
func checkCEL(reg *schemas.Registry, r *graph.Resource) (res *celResult, panicked any) {
	defer func() { panicked = recover() }()
	vs, stats, err := reg.CheckCEL(gvkOf(r), r.Object)
	if vs == nil && err == nil && stats.IsZero() {
		return noCEL, nil
	}
	return &celResult{violations: vs, stats: stats, err: err}, nil
}

// noCEL is the result of every resource without CEL rules to evaluate
// (most kinds have none): results are only read.
var noCEL = &celResult{}

func runCELValidation(p *analyzers.Pass) {
	var total schemas.CELStats
	results := CELValidation.Of(p)
	for _, r := range p.Graph.Resources {
		res := results[r]
		if res.err != nil {
			p.Debugf("CEL rules of %s not evaluated: %v", gvkOf(r), res.err)
			continue
		}
		for _, v := range res.violations {
			if !placeholderAt(r, v.Path) {
				p.Report(r, v.Path, "%s", celFinding(v)).WithKey(v.Message)
			}
		}
		total.Add(res.stats)
	}
	for _, rule := range slices.Sorted(maps.Keys(total.Unsupported)) {
		p.Debugf("CEL rule %q not evaluated: %v (%d times)", rule, total.Reasons[rule], total.Unsupported[rule])
	}
	if total.Evaluated+total.Transition+total.Skipped+len(total.Unsupported) > 0 {
		p.Debugf("CEL rules: %d evaluations, %d failed, %d unsupported rules, %d transition rules skipped, %d skipped on values of the wrong type",
			total.Evaluated, total.Failed, len(total.Unsupported), total.Transition, total.Skipped)
	}
}

// celFinding words a violation as the API server does (kubectl prints
// this), so that it can be searched for, but quotes the value as the user
// wrote it where the API server names its type:
// `spec.http[0].timeout: Invalid value: "10x": must be ...`.
func celFinding(v schemas.CELViolation) string {
	var detail string
	switch v.Reason {
	case "FieldValueRequired":
		detail = "Required value: " + v.Message
	case "FieldValueForbidden":
		detail = "Forbidden: " + v.Message
	default:
		// The API server words FieldValueDuplicate without the rule's
		// message; keeping it is more useful.
		detail = v.Message // no value to quote: the field is absent
		if v.HasValue {
			detail = fmt.Sprintf("Invalid value: %s: %s", schemas.FormatValue(v.Value), v.Message)
		}
	}
	if v.Path == "" {
		return detail
	}
	return v.Path + ": " + detail
}
