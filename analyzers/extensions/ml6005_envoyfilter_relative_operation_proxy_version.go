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
	Doc:            analyzers.MustDoc(ruleDocs, "ML6005"),
	Run:            func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRelativeProxyVersion) },
}
