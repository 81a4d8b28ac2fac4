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
	Doc:            analyzers.MustDoc(ruleDocs, "ML6003"),
	Run:            func(p *analyzers.Pass) { reportEnvoyPatches(p, patchAddMisused) },
}
