package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// SchemaRequiredFieldMissing reports required fields that are absent.
var SchemaRequiredFieldMissing = &analyzers.Rule{
	ID: "ML0103", Name: "schema-required-field-missing", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a field the kind's schema requires is missing",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "A field the schema requires is absent (or null): a DestinationRule without " +
		"`host`, a Gateway server without `port`, a container without `name`. The API server rejects " +
		"the object. The finding points at the object that lacks the field.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - hosts: [\"*\"]        # no port\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: public\n" +
		"spec:\n  servers:\n  - hosts: [\"*\"]\n    port: {number: 80, name: http, protocol: HTTP}\n```\n",
	Requires: []analyzers.Requirement{Validation},
	Run: func(p *analyzers.Pass) {
		reportViolations(p, []schemas.ViolationKind{schemas.Required}, func(p *analyzers.Pass, r *graph.Resource, v schemas.Violation) {
			p.Report(r, v.Path, "%s: Required value", v.Path)
		})
	},
}
