package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// SchemaUnknownField reports keys the kind's schema does not define.
var SchemaUnknownField = &analyzers.Rule{
	ID: "ML0101", Name: "schema-unknown-field", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:  "a field is not defined by the kind's schema",
	Istio:    []string{"IST0106"},
	Doc:      analyzers.MustDoc(ruleDocs, "ML0101"),
	Requires: []analyzers.Requirement{Validation},
	Run: func(p *analyzers.Pass) {
		reportViolations(p, []schemas.ViolationKind{schemas.UnknownField}, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			msg := "unknown field \"" + v.Path + "\""
			if v.Suggestion != "" {
				msg += "; did you mean \"" + v.Suggestion + "\"?"
			}
			p.ReportKey(r, v.Path, "%s", msg).WithKey(v.Field)
		})
	},
}
