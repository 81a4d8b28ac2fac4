package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

// InvalidIstioSpec reports Istio specs that do not decode into their type.
var InvalidIstioSpec = &analyzers.Rule{
	ID: "ML0005", Name: "istio-spec-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an Istio spec does not decode into its API type",
	Doc: "The `spec` of an Istio resource does not decode into its API type (a malformed duration, a " +
		"string where a list is expected, an unknown enum value). Istio rejects it; the resource stays " +
		"in the graph for other rules, but its spec is not analyzed. When meshlint has the kind's schema " +
		"and the schema rules (ML0101-ML0104) report the resource, they say precisely what is wrong and " +
		"where, and this rule stays silent; it remains for what only the typed decoding sees.\n\n" +
		"### Bad\n```yaml\nkind: VirtualService\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 10x      # not a duration\n```\n\n" +
		"### Good\n```yaml\nkind: VirtualService\nspec:\n  hosts: [reviews]\n  http:\n  - timeout: 10s\n```\n",
	Requires: []analyzers.Requirement{schema.Validation},
	Run:      problemRuleUnless(graph.ProblemSpecDecode, schema.ReportsOn),
}
