package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterRelativeOperation reports relative patches in EnvoyFilters
// whose order against other EnvoyFilters is not fixed.
var EnvoyFilterRelativeOperation = &analyzers.Rule{
	ID: "ML6001", Name: "envoyfilter-relative-operation", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindEnvoyFilter},
	Summary:        "an EnvoyFilter without priority uses a relative patch operation",
	Istio:          []string{"IST0151"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: envoyFilterDoc + "A relative operation (`INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE`, `REMOVE`) " +
		"only works if the element it is relative to is already there, so with the default `priority: 0` it " +
		"depends on which EnvoyFilters happen to be created first: recreate one in another order (a restore, a " +
		"new cluster, an upgrade) and the patch silently applies elsewhere or not at all. Set a `priority`, or " +
		"use an absolute operation (`INSERT_FIRST`, `ADD`). One finding is reported per EnvoyFilter, at its first " +
		"such patch, with the others as related locations.\n\n" +
		"### Bad\n```yaml\nkind: EnvoyFilter\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n" +
		"    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n" +
		"            subFilter: {name: envoy.filters.http.router}\n    patch:\n      operation: INSERT_BEFORE\n" +
		"      value: {name: envoy.lua}\n```\n\n" +
		"### Good\n```yaml\nkind: EnvoyFilter\nspec:\n  priority: 10\n  configPatches:\n  - applyTo: HTTP_FILTER\n" +
		"    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n" +
		"            subFilter: {name: envoy.filters.http.router}\n    patch:\n      operation: INSERT_BEFORE\n" +
		"      value: {name: envoy.lua}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRelative) },
}
