package references

import (
	"fmt"

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
		note := notAssumedNote(p.Graph, e.From.Gateway().GetSelector())
		path := e.Path
		if e.Target == "" {
			path = "spec"
		}
		p.Report(e.From, path, "selector %q matches no workload in the analyzed manifests%s", e.Target, note)
	}
}

// notAssumedNote names the gateway of a default install the selector would
// have matched, when the graph was told not to assume one; otherwise the
// install is beside the point and nothing is said.
func notAssumedNote(g *graph.Graph, selector map[string]string) string {
	if g.Options().AssumeDefaultIngress || len(selector) == 0 {
		return ""
	}
	for _, w := range graph.InstallWorkloads(g.Options().Mesh) {
		if graph.SelectorMatches(selector, w.Labels) {
			return fmt.Sprintf(" (the default install's gateway %s/%s is not assumed)", w.Namespace, w.Name)
		}
	}
	return ""
}
