package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewaySelectorNoWorkload reports Gateways whose selector matches no
// gateway workload.
var GatewaySelectorNoWorkload = &analyzers.Rule{
	ID: "ML1105", Name: "gateway-selector-no-workload", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeGatewayWorkload),
	Summary:        "a Gateway's selector matches no gateway workload",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"gateway.IngressGatewayPortAnalyzer", "gateway.SecretAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1105"),
	Run:            runGatewaySelectorNoWorkload,
}

func runGatewaySelectorNoWorkload(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeGatewayWorkload) {
		if e.Resolved() {
			continue
		}
		note := ""
		if !p.Graph.Options().AssumeDefaultIngress {
			note = " (the default ingress gateway is not assumed)"
		}
		path := e.Path
		if e.Target == "" {
			path = "spec"
		}
		p.Report(e.From, path, "selector %q matches no workload in the analyzed manifests%s", e.Target, note)
	}
}
