package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// SchemaUnknownField reports keys the kind's schema does not define.
var SchemaUnknownField = &analyzers.Rule{
	ID: "ML0101", Name: "schema-unknown-field", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a field is not defined by the kind's schema",
	Istio:   []string{"IST0106"},
	Doc: schemaRuleIntro + "A field the schema does not define is rejected by `kubectl apply` (strict " +
		"field validation) or, with validation off, silently dropped: a misspelt `destinaton` means the " +
		"route has no destination at all. The finding points at the key and suggests the known field " +
		"closest to it. Objects marked `x-kubernetes-preserve-unknown-fields` (an EnvoyFilter patch " +
		"value, say) accept any field; unknown fields under `metadata` are left to the API server.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destinaton:        # did you mean \"destination\"?\n" +
		"        host: reviews\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n" +
		"spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destination:\n        host: reviews\n```\n",
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
