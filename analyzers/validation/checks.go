package validation

import (
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

// This file holds what the rules of the package share.

// schemaAnalyzer names istioctl's validation analyzer for a kind, as
// `istioctl analyze --analyzer` takes it.
func schemaAnalyzer(kinds ...string) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = "schema.ValidationAnalyzer." + k
	}
	return out
}

// reporter records the findings of one rule on one resource.
type reporter struct {
	pass *analyzers.Pass
	res  *graph.Resource
}

// at reports at the field's value (for a mapping or list: from its key),
// unless the schema rules report that field already.
func (rp reporter) at(path, format string, args ...any) {
	if v, _ := rp.res.ValueAt(path); graph.IsPlaceholderValue(v) {
		return // filled in by a template tool: not what will be applied
	}
	if !schema.ReportsAt(rp.pass, rp.res, path) {
		rp.pass.Report(rp.res, path, format, args...)
	}
}

// atKey reports at the key of a map entry, when its name is the problem,
// unless the schema rules report that field already.
func (rp reporter) atKey(path, format string, args ...any) {
	if !schema.ReportsAt(rp.pass, rp.res, path) {
		rp.pass.ReportKey(rp.res, path, format, args...)
	}
}

// before reports whether the field at path a comes before the one at b in
// the document, for what Istio reads from maps in no particular order.
func (rp reporter) before(a, b string) bool {
	return rp.res.Location(a).Start.Before(rp.res.Location(b).Start)
}

// written reports whether the field at path is in the document. A field
// the CRD schema requires is reported by ML0103 when absent; these rules
// then check only what is written (an empty list, an empty string).
func (rp reporter) written(path string) bool {
	return rp.res.Has(path)
}

// kindCheck validates every resource of one kind whose spec decoded.
type kindCheck struct {
	kind  graph.GroupKind
	check func(r *graph.Resource, report reporter)
}

// webhookRule completes a rule of the family from its checks: it reads
// the kinds its checks are for, requires the schema validation its
// reporter reads (to stay silent where the schema rules report), and runs
// the checks.
func webhookRule(r *analyzers.Rule, checks ...kindCheck) *analyzers.Rule {
	for _, c := range checks {
		if !slices.Contains(r.Inputs, c.kind) {
			r.Inputs = append(r.Inputs, c.kind)
		}
	}
	r.Requires = append(r.Requires, schema.Validation)
	r.Run = runChecks(checks...)
	return r
}

// runChecks builds a rule's Run from per-kind checks. Resources whose spec
// did not decode are skipped: ML0005 already reports them.
func runChecks(checks ...kindCheck) func(*analyzers.Pass) {
	return func(p *analyzers.Pass) {
		for _, c := range checks {
			for _, r := range p.Graph.OfKind(c.kind) {
				if r.Spec != nil {
					c.check(r, reporter{p, r})
				}
			}
		}
	}
}
