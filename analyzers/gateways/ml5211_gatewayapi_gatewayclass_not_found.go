package gateways

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIGatewayClassNotFound reports Gateways whose class is neither
// in the files nor one istiod creates.
var GatewayAPIGatewayClassNotFound = &analyzers.Rule{
	ID: "ML5211", Name: "gatewayapi-gatewayclass-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeGatewayClass),
	Summary: "a Gateway's gatewayClassName is neither a GatewayClass of the analyzed manifests nor one Istio creates",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5211"),
	Run:     runGatewayAPIGatewayClassNotFound,
}

func runGatewayAPIGatewayClassNotFound(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeGatewayClass) {
		if e.Resolved() || e.From.Implied != "" || graph.HasPlaceholder(e.Ref) || e.Ref == "" {
			continue
		}
		p.Report(e.From, e.Path,
			"GatewayClass %q is not found in the analyzed manifests and is not one istiod creates (%s): unless a controller installed elsewhere owns this class, no controller programs the Gateway and its routes serve nothing; use gatewayClassName: istio for an Istio ingress gateway",
			e.Ref, strings.Join(graph.IstioGatewayClasses[:4], ", "))
	}
}
