package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterDiscouraged repeats the warning Istio gives for every
// EnvoyFilter.
var EnvoyFilterDiscouraged = webhookRule(&analyzers.Rule{
	ID: "ML0230", Name: "envoyfilter-discouraged", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary:        "EnvoyFilter exposes Envoy internals that may change at any time",
	Istio:          []string{"IST0133"},
	IstioAnalyzers: schemaAnalyzer("EnvoyFilter"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0230"),
}, kindCheck{graph.KindEnvoyFilter, func(_ *graph.Resource, report reporter) {
	report.at("kind", "EnvoyFilter exposes internal implementation details that may change at any time; prefer other APIs if possible, and re-test it on every upgrade")
}})
