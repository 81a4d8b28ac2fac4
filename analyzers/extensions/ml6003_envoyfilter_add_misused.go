package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterAddMisused reports ADD patches that Istio ignores.
var EnvoyFilterAddMisused = &analyzers.Rule{
	ID: "ML6003", Name: "envoyfilter-add-misused", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindEnvoyFilter},
	Summary:        "an EnvoyFilter uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE",
	Istio:          []string{"IST0153"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: "Istio ignores an `ADD` patch whose `applyTo` is `ROUTE_CONFIGURATION` or `HTTP_ROUTE`: the patch " +
		"has no effect. Routes are ordered, so a route is added with `INSERT_FIRST`, `INSERT_BEFORE` or " +
		"`INSERT_AFTER`; a route configuration is changed with `MERGE`.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: HTTP_ROUTE\n    match: {context: SIDECAR_INBOUND}\n" +
		"    patch:\n      operation: ADD\n      value: {name: extra}\n```\n\n" +
		"### Good\n```yaml\n  configPatches:\n  - applyTo: HTTP_ROUTE\n    match: {context: SIDECAR_INBOUND}\n" +
		"    patch:\n      operation: INSERT_FIRST\n      value: {name: extra}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchAddMisused) },
}
