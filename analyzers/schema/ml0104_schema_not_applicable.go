package schema

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/schemas"
)

// SchemaNotApplicable reports documents the schema cannot be applied to.
var SchemaNotApplicable = &analyzers.Rule{
	ID: "ML0104", Name: "schema-not-applicable", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:  "a document cannot be validated against its kind's schema",
	Istio:    []string{"IST0106"},
	Doc:      analyzers.MustDoc(ruleDocs, "ML0104"),
	Requires: []analyzers.Requirement{Validation},
	Run: func(p *analyzers.Pass) {
		results := Validation.Of(p)
		var unvalidated []string
		for _, r := range p.Graph.Resources {
			res := results[r]
			switch {
			case res == nil:
				unvalidated = append(unvalidated, r.APIVersion+" "+r.Kind)
			case res.err != nil:
				p.Report(r, "kind", "%s cannot be validated: %v", r.APIVersion+" "+r.Kind, res.err)
			default:
				for _, v := range res.violations {
					if v.Kind == schemas.Shape {
						p.Report(r, v.Path, "%s: %s; the document is not validated against the %s schema", v.Path, v.Message, r.APIVersion+" "+r.Kind).WithKey(v.Message)
						break // one finding per document
					}
				}
			}
		}
		if len(unvalidated) > 0 {
			p.Debugf("%d of %d resources not validated, no schema for: %s", len(unvalidated), len(p.Graph.Resources),
				strings.Join(slices.Compact(slices.Sorted(slices.Values(unvalidated))), ", "))
		}
	},
}
