package schema

import (
	"errors"
	"fmt"
	"runtime"
	"slices"
	"sync"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// schemaResult is the validation of one resource against its kind's schema.
type schemaResult struct {
	violations []schemas.Violation
	// err says the schema could not be used (it does not load or compile).
	err error
}

// Validation is every resource that has a schema validated against it,
// once per run and in parallel; the schema rules each report their share
// of the violations, and ML0005 stays silent where they report.
var Validation = &analyzers.Fact[map[*graph.Resource]*schemaResult]{
	Name:    "schema-validation",
	Compute: validateAll,
}

func validateAll(g *graph.Graph, reg *schemas.Registry) map[*graph.Resource]*schemaResult {
	resources := g.Resources
	results := make([]*schemaResult, len(resources))
	var wg sync.WaitGroup
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < len(resources); i += workers {
				results[i] = validateOne(reg, resources[i])
			}
		})
	}
	wg.Wait()
	out := make(map[*graph.Resource]*schemaResult, len(resources))
	for i, res := range results {
		if res != nil {
			out[resources[i]] = res
		}
	}
	return out
}

// valid is the result of every valid resource: results are only read, and
// most resources are valid.
var valid = &schemaResult{}

// validateOne validates r (nil: no schema). A panic in the validator, a
// bug rather than the input's fault, becomes the resource's error: these
// goroutines are beyond the recover that guards each rule.
func validateOne(reg *schemas.Registry, r *graph.Resource) (res *schemaResult) {
	defer func() {
		if p := recover(); p != nil {
			res = &schemaResult{err: fmt.Errorf("internal error in the schema validator: %v", p)}
		}
	}()
	vs, err := reg.ValidateLoaded(gvkOf(r), r.Object, r.HasNull)
	switch {
	case errors.Is(err, schemas.ErrNoSchema):
		return nil
	case vs == nil && err == nil:
		return valid
	}
	return &schemaResult{violations: vs, err: err}
}

func gvkOf(r *graph.Resource) schemas.GVK {
	return schemas.GVK{Group: r.Group, Version: r.Version, Kind: r.Kind}
}

// reportViolations reports, in resource order, the violations of the
// given kinds with the function that words and places them.
func reportViolations(p *analyzers.Pass, kinds []schemas.ViolationKind, report func(*analyzers.Pass, *graph.Resource, schemas.Violation)) {
	results := Validation.Of(p)
	for _, r := range p.Graph.Resources {
		res := results[r]
		if res == nil {
			continue
		}
		for _, v := range res.violations {
			if !slices.Contains(kinds, v.Kind) || placeholderAt(r, v.Path) {
				continue
			}
			report(p, r, v)
		}
	}
}

// placeholderAt reports whether the value at path is a template
// placeholder (`$PROXY_PORT` where a number belongs): what will be applied
// is not known, so it is not judged.
func placeholderAt(r *graph.Resource, path string) bool {
	v, _ := r.ValueAt(path)
	return graph.IsPlaceholderValue(v)
}

// ReportsAt says whether the schema rules report the field at path of r
// (the caller must declare Validation in its Requires): a rule that would
// say the same of that field stays silent, so that one mistake gets one
// finding — the schema's, worded like the API server's error.
func ReportsAt(p *analyzers.Pass, r *graph.Resource, path string) bool {
	res := Validation.Of(p)[r]
	return res != nil && slices.ContainsFunc(res.violations, func(v schemas.Violation) bool { return v.Path == path })
}

// ReportsOn says whether the schema rules (ML0101-ML0104, ML0120) report
// something on r: then ML0005 (istio-spec-invalid), which sees the same
// mistakes through the typed decoding and places them only at `spec`,
// stays silent. The caller declares Validation and CELValidation.
func ReportsOn(p *analyzers.Pass, pr graph.Problem) bool {
	if res := Validation.Of(p)[pr.Resource]; res != nil && len(res.violations) > 0 {
		return true
	}
	cel := CELValidation.Of(p)[pr.Resource]
	return cel != nil && len(cel.violations) > 0
}
