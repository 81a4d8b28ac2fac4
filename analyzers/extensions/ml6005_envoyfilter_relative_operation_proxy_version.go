package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterRelativeOperationProxyVersion is EnvoyFilterRelativeOperation
// for patches that build on a patch limited to some proxy versions.
var EnvoyFilterRelativeOperationProxyVersion = &analyzers.Rule{
	ID: "ML6005", Name: "envoyfilter-relative-operation-proxy-version", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindEnvoyFilter},
	Summary:        "an EnvoyFilter without priority uses a relative patch operation on a filter an earlier patch limits to a proxyVersion",
	Istio:          []string{"IST0155"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: envoyFilterDoc + "When an earlier patch that carries `match.proxy.proxyVersion` handles a filter of " +
		"the same name (the patch value's `name`, else the matched filter's name) and a later patch without " +
		"`priority` is relative (`INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE`, `REMOVE`), the later patch depends on " +
		"the earlier one. During an upgrade the proxies change version, the version-limited patch stops applying, " +
		"and the relative one lands elsewhere or nowhere. Set a `priority` or use an absolute operation. The " +
		"patches are taken in load order, across EnvoyFilters; this finding replaces ML6001 for such a patch.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n      proxy: {proxyVersion: '^1\\.2.*'}\n" +
		"    patch:\n      operation: INSERT_FIRST\n      value: {name: envoy.lua}\n  - applyTo: HTTP_FILTER\n" +
		"    patch:\n      operation: REPLACE\n      value: {name: envoy.lua}\n```\n\n" +
		"### Good\n```yaml\n  priority: 10\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n      proxy: {proxyVersion: '^1\\.2.*'}\n" +
		"    patch:\n      operation: INSERT_FIRST\n      value: {name: envoy.lua}\n  - applyTo: HTTP_FILTER\n" +
		"    patch:\n      operation: REPLACE\n      value: {name: envoy.lua}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRelativeProxyVersion) },
}
