package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterReplaceMisused reports REPLACE patches on objects Istio cannot
// replace.
var EnvoyFilterReplaceMisused = &analyzers.Rule{
	ID: "ML6002", Name: "envoyfilter-replace-misused", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindEnvoyFilter},
	Summary:        "an EnvoyFilter uses REPLACE on something other than an HTTP filter, network filter or virtual host",
	Istio:          []string{"IST0152"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: "The `REPLACE` operation is implemented for `applyTo: HTTP_FILTER`, `NETWORK_FILTER` and " +
		"`VIRTUAL_HOST` only; on anything else (a `CLUSTER`, a `LISTENER`, …) the patch does nothing. Use " +
		"`MERGE`, or `REMOVE` plus `ADD`.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: CLUSTER\n    match: {context: SIDECAR_OUTBOUND}\n" +
		"    patch:\n      operation: REPLACE\n      value: {name: lua_cluster, type: STRICT_DNS}\n```\n\n" +
		"### Good\n```yaml\n  configPatches:\n  - applyTo: CLUSTER\n    match: {context: SIDECAR_OUTBOUND}\n" +
		"    patch:\n      operation: MERGE\n      value: {name: lua_cluster, type: STRICT_DNS}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchReplaceMisused) },
}
