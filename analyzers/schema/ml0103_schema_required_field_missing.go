package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// SchemaRequiredFieldMissing reports required fields that are absent.
var SchemaRequiredFieldMissing = &analyzers.Rule{
	ID: "ML0103", Name: "schema-required-field-missing", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:  "a field the kind's schema requires is missing",
	Istio:    []string{"IST0106"},
	Doc:      analyzers.MustDoc(ruleDocs, "ML0103"),
	Requires: []analyzers.Requirement{Validation},
	Run: func(p *analyzers.Pass) {
		reportViolations(p, []schemas.ViolationKind{schemas.Required}, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			p.Report(r, v.Path, "%s: Required value", v.Path)
		})
	},
}
