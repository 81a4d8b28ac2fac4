package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceIneffectiveMatch reports matches earlier matches shadow.
var VirtualServiceIneffectiveMatch = &analyzers.Rule{
	ID: "ML0232", Name: "virtualservice-ineffective-match", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindVirtualService},
	Summary:        "a VirtualService match can never be used because an earlier match covers it",
	Istio:          []string{"IST0131"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc: "A match that repeats an earlier match of the same VirtualService (its `name` aside) never " +
		"applies: the earlier rule takes the request first. For HTTP URI prefixes Istio also detects cover: " +
		"`prefix: /api/v1/products` after `prefix: /api/v1/product` with the same port, method (GET when " +
		"none is given), authority, headers, query parameters and withoutHeaders is dead too. Istio's " +
		"validating webhook warns about both. Put the more specific match first.\n\n" +
		"### Bad\n```yaml\nkind: VirtualService\nspec:\n  hosts: [shop]\n  http:\n  - match:\n    - uri: {prefix: /api/v1/product}\n" +
		"    route:\n    - destination: {host: catalog}\n  - match:\n    - uri: {prefix: /api/v1/products}\n" +
		"    route:\n    - destination: {host: products}\n```\n\n" +
		"### Good\n```yaml\nkind: VirtualService\nspec:\n  hosts: [shop]\n  http:\n  - match:\n    - uri: {prefix: /api/v1/products}\n" +
		"    route:\n    - destination: {host: products}\n  - match:\n    - uri: {prefix: /api/v1/product}\n" +
		"    route:\n    - destination: {host: catalog}\n```\n",
	Run: runChecks(kindCheck{graph.KindVirtualService, reachabilityCheck(false)}),
}
