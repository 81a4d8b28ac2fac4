package references

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceGatewayNotFound reports gateways a VirtualService binds to
// that are in none of the analyzed manifests.
var VirtualServiceGatewayNotFound = &analyzers.Rule{
	ID: "ML1101", Name: "virtualservice-gateway-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeGateway),
	Summary: "a VirtualService names a gateway that does not exist",
	// istioctl reports a missing gateway twice: IST0101, and IST0132 as
	// the VirtualService's hosts are then in no server of it.
	Istio:          []string{"IST0101", "IST0132"},
	IstioAnalyzers: []string{"virtualservice.GatewayAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1101"),
	Run:            runVirtualServiceGatewayNotFound,
}

func runVirtualServiceGatewayNotFound(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeGateway) {
		if e.Resolved() || isInternalGatewayRef(e.Ref) { // ML1107 reports those
			continue
		}
		f := p.Report(e.From, e.Path, "gateway %q (%s) not found in the analyzed manifests%s", e.Ref, e.Target, gatewayHint(p.Graph, e))
		for _, gw := range sameNameGateways(p.Graph, e) {
			f.Relate(gw.Location("metadata.name"), "%s has the same name in another namespace", gw)
		}
	}
}

// sameNameGateways finds Gateways (Istio or Gateway API, as the reference
// resolves to either) with the referenced name in other namespaces: the
// usual cause is a missing `ns/` prefix.
func sameNameGateways(g *graph.Graph, e *graph.Edge) []*graph.Resource {
	_, name := graph.ResolveGatewayName(e.Ref, e.From.Namespace)
	var out []*graph.Resource
	for _, kind := range []graph.GroupKind{graph.KindGateway, graph.KindK8sGateway} {
		for _, gw := range g.OfKind(kind) {
			if gw.Name == name {
				out = append(out, gw)
			}
		}
	}
	return out
}

func gatewayHint(g *graph.Graph, e *graph.Edge) string {
	if gws := sameNameGateways(g, e); len(gws) > 0 {
		return fmt.Sprintf("; did you mean %s?", gws[0].NamespacedName())
	}
	return ""
}
