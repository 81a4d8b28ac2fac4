package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceUnreachableRule reports route rules no request can reach.
var VirtualServiceUnreachableRule = &analyzers.Rule{
	ID: "ML0231", Name: "virtualservice-unreachable-rule", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindVirtualService},
	Summary:        "a VirtualService rule can never be used because earlier rules take all its traffic",
	Istio:          []string{"IST0130"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc: "Envoy tries a VirtualService's `http`, `tcp` and `tls` rules in order and uses the first that " +
		"matches. A rule without `match` takes everything, so any rule after it is dead; so is a rule whose " +
		"matches all repeat matches of earlier rules. Istio's validating webhook warns about both. Move the " +
		"catch-all rule last, or remove the dead rule.\n\n" +
		"### Bad\n```yaml\nkind: VirtualService\nspec:\n  hosts: [reviews]\n  http:\n  - route:\n" +
		"    - destination: {host: reviews, subset: v1}\n  - match:\n    - headers:\n        end-user: {exact: jason}\n" +
		"    route:\n    - destination: {host: reviews, subset: v2}\n```\n\n" +
		"### Good\n```yaml\nkind: VirtualService\nspec:\n  hosts: [reviews]\n  http:\n  - match:\n    - headers:\n" +
		"        end-user: {exact: jason}\n    route:\n    - destination: {host: reviews, subset: v2}\n" +
		"  - route:\n    - destination: {host: reviews, subset: v1}\n```\n",
	Run: runChecks(kindCheck{graph.KindVirtualService, reachabilityCheck(true)}),
}
