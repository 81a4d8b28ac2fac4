package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// SchemaInvalidValue reports values of the wrong type, outside an enum, a
// range, a pattern, a format or a length.
var SchemaInvalidValue = &analyzers.Rule{
	ID: "ML0102", Name: "schema-invalid-value", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:  "a value does not match the kind's schema (type, enum, range, pattern, format, length)",
	Istio:    []string{"IST0106"},
	Doc:      analyzers.MustDoc(ruleDocs, "ML0102"),
	Requires: []analyzers.Requirement{Validation},
	Run: func(p *analyzers.Pass) {
		kinds := []schemas.ViolationKind{schemas.Type, schemas.Enum, schemas.Format, schemas.Pattern,
			schemas.Range, schemas.Length, schemas.Items, schemas.Other}
		reportViolations(p, kinds, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			p.Report(r, v.Path, "%s: %s", v.Path, v.Message).WithKey(v.Message)
		})
	},
}
