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
	Doc:            analyzers.MustDoc(ruleDocs, "ML6001"),
	Run:            func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRelative) },
}
