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
	Doc:            analyzers.MustDoc(ruleDocs, "ML6004"),
	Run:            func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRemoveMisused) },
}
