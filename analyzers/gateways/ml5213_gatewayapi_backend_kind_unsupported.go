package gateways

import (
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIBackendKindUnsupported reports backendRefs of a kind Istio
// cannot route to, on routes Istio serves.
var GatewayAPIBackendKindUnsupported = &analyzers.Rule{
	ID: "ML5213", Name: "gatewayapi-backend-kind-unsupported", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs: append(append(graph.EdgeInputs(graph.EdgeRouteBackend), graph.EdgeInputs(graph.EdgeRouteParent)...),
		graph.EdgeInputs(graph.EdgeGatewayClass)...),
	Summary: "a Gateway API route served by Istio has a backendRef of a kind Istio cannot route to",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5213"),
	Run:     runGatewayAPIBackendKindUnsupported,
}

// istioBackendKinds are the backend kinds Istio's controller resolves
// (XBackend and InferencePool behind feature flags).
var istioBackendKinds = []graph.GroupKind{
	graph.KindService, graph.KindHostname,
	{Group: "multicluster.x-k8s.io", Kind: "ServiceImport"},
	{Group: "gateway.networking.x-k8s.io", Kind: "XBackend"},
	{Group: "inference.networking.k8s.io", Kind: "InferencePool"},
}

func runGatewayAPIBackendKindUnsupported(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteBackend) {
		kind := e.API.GroupKind()
		if slices.Contains(istioBackendKinds, kind) || !servedByIstio(p.Graph, e.From) {
			continue
		}
		hint := "a Service (group \"\", kind Service)"
		if kind.Kind == "ServiceEntry" {
			hint = "a ServiceEntry host as group networking.istio.io, kind Hostname, name <host>"
		}
		p.Report(e.From, graph.JoinPath(e.Path, "kind"),
			"Istio cannot route to a backendRef of group %q, kind %s: it marks the route ResolvedRefs=False (InvalidKind) and %s; refer to %s",
			kind.Group, kind.Kind, backendFailure(e.From), hint)
	}
}

// servedByIstio reports whether a parent of route is Istio's: a Gateway of
// a class istiod creates or whose controllerName is Istio's, or a
// Service or ServiceEntry (mesh routing).
func servedByIstio(g *graph.Graph, route *graph.Resource) bool {
	for _, e := range g.EdgesFrom(route, graph.EdgeRouteParent) {
		if len(e.To) == 0 {
			continue
		}
		parent := e.To[0]
		if parent.Is(graph.KindService) || parent.Is(graph.KindServiceEntry) || g.IstioGateway(parent) {
			return true
		}
	}
	return false
}
