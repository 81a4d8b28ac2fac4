package gateways

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIReferenceNotPermitted reports cross-namespace backendRefs and
// certificateRefs that no ReferenceGrant of the target namespace permits.
var GatewayAPIReferenceNotPermitted = &analyzers.Rule{
	ID: "ML5207", Name: "gatewayapi-reference-not-permitted", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs: append(append(graph.EdgeInputs(graph.EdgeReferenceGrant), graph.EdgeInputs(graph.EdgeRouteParent)...),
		graph.KindService, graph.KindSecret),
	Summary: "a Gateway API route or Gateway refers to a Service or Secret in another namespace that no ReferenceGrant permits",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5207"),
	Run:     runGatewayAPIReferenceNotPermitted,
}

func runGatewayAPIReferenceNotPermitted(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeReferenceGrant) {
		if e.Resolved() || !grantRequired(p.Graph, e) || !grantsKnown(p.Graph, e.API) {
			continue
		}
		ref := e.API
		p.Report(e.From, graph.JoinPath(e.Path, "namespace"),
			"%s %s in namespace %s is referenced from %s in namespace %s, but no ReferenceGrant in %s permits it: Istio refuses the reference (RefNotPermitted)%s; add a ReferenceGrant in namespace %s with from {group: %s, kind: %s, namespace: %s} and to {group: %q, kind: %s, name: %s}",
			ref.Kind, ref.Name, ref.Namespace, e.From.Kind, e.From.Namespace, ref.Namespace, refusedConsequence(e),
			ref.Namespace, e.From.Group, e.From.Kind, e.From.Namespace, ref.Group, ref.Kind, ref.Name)
	}
}

// grantRequired reports whether Istio checks grants for the reference: a
// Secret of a Gateway's listener, or a Service backend of a route bound
// to a Gateway (routes bound only to Services, GAMMA, need none).
func grantRequired(g *graph.Graph, e *graph.Edge) bool {
	switch e.API.GroupKind() {
	case graph.KindSecret:
		return !e.From.IsRoute()
	case graph.KindService:
		return e.From.IsRoute() && hasGatewayParent(g, e.From)
	}
	return false
}

// grantsKnown reports whether the files show the target namespace's side:
// the referenced object, or some ReferenceGrant, is defined there. A
// namespace the files do not hold may have its grants elsewhere.
func grantsKnown(g *graph.Graph, ref graph.APIRef) bool {
	if t := g.Get(graph.Key{GroupKind: ref.GroupKind(), Namespace: ref.Namespace, Name: ref.Name}); t != nil && t.Implied == "" {
		return true
	}
	for _, grant := range g.OfKind(graph.KindReferenceGrant) {
		if grant.Namespace == ref.Namespace {
			return true
		}
	}
	return false
}

func refusedConsequence(e *graph.Edge) string {
	if e.API.GroupKind() == graph.KindSecret {
		return " and the listener serves no certificate, so TLS handshakes fail"
	}
	return " and " + backendFailure(e.From)
}
