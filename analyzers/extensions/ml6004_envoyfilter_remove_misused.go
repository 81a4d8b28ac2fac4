package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterRemoveMisused reports REMOVE patches that Istio ignores.
var EnvoyFilterRemoveMisused = &analyzers.Rule{
	ID: "ML6004", Name: "envoyfilter-remove-misused", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindEnvoyFilter},
	Summary:        "an EnvoyFilter uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE",
	Istio:          []string{"IST0154"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: "Istio ignores a `REMOVE` patch whose `applyTo` is `ROUTE_CONFIGURATION` or `HTTP_ROUTE`: the " +
		"patch has no effect. Remove the route from its VirtualService instead, or `MERGE` the route " +
		"configuration.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: ROUTE_CONFIGURATION\n    match: {context: GATEWAY}\n" +
		"    patch:\n      operation: REMOVE\n```\n\n" +
		"### Good\n```yaml\n  configPatches:\n  - applyTo: ROUTE_CONFIGURATION\n    match: {context: GATEWAY}\n" +
		"    patch:\n      operation: MERGE\n      value: {validate_clusters: false}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRemoveMisused) },
}
