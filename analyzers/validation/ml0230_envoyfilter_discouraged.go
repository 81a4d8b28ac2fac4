package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterDiscouraged repeats the warning Istio gives for every
// EnvoyFilter.
var EnvoyFilterDiscouraged = &analyzers.Rule{
	ID: "ML0230", Name: "envoyfilter-discouraged", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindEnvoyFilter},
	Summary:        "EnvoyFilter exposes Envoy internals that may change at any time",
	Istio:          []string{"IST0133"},
	IstioAnalyzers: schemaAnalyzer("EnvoyFilter"),
	Doc: "Istio's validating webhook warns on every EnvoyFilter: it patches Envoy's configuration as Istio " +
		"generates it, so filter names, listener layouts and field names it relies on can change with any " +
		"Istio or Envoy upgrade, silently breaking the patch. Prefer a first-class API where one exists " +
		"(Telemetry for access logs and tracing, WasmPlugin for extensions, AuthorizationPolicy with a " +
		"CUSTOM provider for external authorization, VirtualService for routing and retries) and re-test " +
		"EnvoyFilters on every upgrade. The rule reports information, not a defect; disable it where " +
		"EnvoyFilters are a deliberate choice.\n\n" +
		"### Bad\n```yaml\nkind: EnvoyFilter\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n" +
		"      context: SIDECAR_OUTBOUND\n      listener:\n        filterChain:\n          filter:\n" +
		"            name: envoy.filters.network.http_connection_manager\n    patch:\n      operation: INSERT_BEFORE\n" +
		"      value:\n        name: envoy.filters.http.ext_authz\n```\n\n" +
		"### Good\n```yaml\nkind: AuthorizationPolicy\nspec:\n  action: CUSTOM\n  provider:\n    name: my-ext-authz\n" +
		"  rules:\n  - to:\n    - operation:\n        paths: [\"/admin/*\"]\n```\n",
	Run: runChecks(kindCheck{graph.KindEnvoyFilter, func(_ *graph.Resource, report reporter) {
		report.at("kind", "EnvoyFilter exposes internal implementation details that may change at any time; prefer other APIs if possible, and re-test it on every upgrade")
	}}),
}
