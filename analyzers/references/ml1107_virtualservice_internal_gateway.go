package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceInternalGateway reports references to gateways Istio
// generates internally from Gateway API resources.
var VirtualServiceInternalGateway = &analyzers.Rule{
	ID: "ML1107", Name: "virtualservice-internal-gateway", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeGateway),
	Summary:        "a VirtualService binds to a gateway Istio generates internally",
	Istio:          []string{"IST0165"},
	IstioAnalyzers: []string{"virtualservice.GatewayAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1107"),
	Run:            runVirtualServiceInternalGateway,
}

func runVirtualServiceInternalGateway(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeGateway) {
		if isInternalGatewayRef(e.Ref) {
			p.Report(e.From, e.Path, "gateway %q is generated internally by Istio from a Gateway API resource; reference the Gateway itself", e.Ref)
		}
	}
}
