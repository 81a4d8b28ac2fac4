package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// TelemetrySelectorNoWorkload reports a Telemetry whose selector matches no
// workload of its namespace, where the files show that namespace's
// workloads.
var TelemetrySelectorNoWorkload = &analyzers.Rule{
	ID: "ML6007", Name: "telemetry-selector-no-workload", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgePolicyWorkload),
	Summary:        "a Telemetry's selector matches no workload of its namespace",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"telemetry.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML6007"),
	Run:            runTelemetrySelectorNoWorkload,
}

func runTelemetrySelectorNoWorkload(p *analyzers.Pass) {
	for _, e := range p.Graph.UnmatchedPolicySelectors(graph.KindTelemetry) {
		r := e.From
		hint := ""
		if w := p.Graph.SelectedElsewhere(r); w != nil {
			hint = " (it matches " + w.String() + ", but a Telemetry selects workloads of its own namespace only, even in the root namespace)"
		}
		p.Report(r, e.Path, "selector %q matches no workload in namespace %q, where the manifests beside it define others: the Telemetry's metrics, "+
			"access logging and tracing settings apply nowhere%s; fix the labels, or remove the Telemetry", e.Target, r.Namespace, hint)
	}
}
