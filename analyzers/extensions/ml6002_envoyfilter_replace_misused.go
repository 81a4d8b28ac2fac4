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
	Doc:            analyzers.MustDoc(ruleDocs, "ML6002"),
	Run:            func(p *analyzers.Pass) { reportEnvoyPatches(p, patchReplaceMisused) },
}
