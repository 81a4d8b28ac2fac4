package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// HelmChartNotLinted says that a Helm chart met in a walk was skipped.
var HelmChartNotLinted = &analyzers.Rule{
	ID: "ML0007", Name: "helm-chart-not-linted", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "a Helm chart's templates are not linted until rendered",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0007"),
	Run:     problemRule(graph.ProblemHelmChart),
}
