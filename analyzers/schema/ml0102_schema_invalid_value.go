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
	Summary: "a value does not match the kind's schema (type, enum, range, pattern, format, length)",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "A value of the wrong type (a string where a list is expected, a quoted " +
		"number), outside the allowed values of an enum, out of range, not matching a pattern or a " +
		"format, too long or too short makes `kubectl apply` fail. The finding points at the value and " +
		"is worded like the API server's error, so that it can be searched for.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: \"*.example.com\"   # must be a list\n" +
		"    tls:\n      mode: SIMPEL             # SIMPLE, MUTUAL, ...\n      credentialName: example-cert\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [\"*.example.com\"]\n" +
		"    tls:\n      mode: SIMPLE\n      credentialName: example-cert\n```\n",
	Requires: []analyzers.Requirement{Validation},
	Run: func(p *analyzers.Pass) {
		kinds := []schemas.ViolationKind{schemas.Type, schemas.Enum, schemas.Format, schemas.Pattern,
			schemas.Range, schemas.Length, schemas.Items, schemas.Other}
		reportViolations(p, kinds, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			p.Report(r, v.Path, "%s: %s", v.Path, v.Message).WithKey(v.Message)
		})
	},
}
