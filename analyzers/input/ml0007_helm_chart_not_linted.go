package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// HelmChartNotLinted says that a Helm chart met in a walk was skipped.
var HelmChartNotLinted = &analyzers.Rule{
	ID: "ML0007", Name: "helm-chart-not-linted", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "a Helm chart's templates are not linted until rendered",
	Doc: "A directory holding a `Chart.yaml` is a Helm chart: its templates are Go templates that " +
		"become YAML only once rendered with the chart's values. Read as they are, every `{{ ... }}` " +
		"would be a syntax error or a wrong value. So a walk reads only the `Chart.yaml`, reports this " +
		"(at severity info, which fails no build by default), and lints nothing else below it. Lint " +
		"the rendered chart, with the values you deploy, instead; a template named on the command line " +
		"is still read as it is.\n\n" +
		"### Bad\n```sh\nmeshlint deploy/          # deploy/payments/Chart.yaml: the chart is skipped\n```\n\n" +
		"### Good\n```sh\nhelm template deploy/payments -f prod-values.yaml | meshlint -\n```\n",
	Run: problemRule(graph.ProblemHelmChart),
}
