package gateways

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIRouteParentNotFound reports route parentRefs whose Gateway,
// ListenerSet, Service or ServiceEntry is in none of the analyzed manifests.
var GatewayAPIRouteParentNotFound = &analyzers.Rule{
	ID: "ML5201", Name: "gatewayapi-route-parent-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeRouteParent),
	Summary: "a Gateway API route's parentRef names a Gateway or Service that does not exist",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5201"),
	Run:     runGatewayAPIRouteParentNotFound,
}

func runGatewayAPIRouteParentNotFound(p *analyzers.Pass) {
	reportServiceParentsWithoutGroup(p)
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteParent) {
		if e.Resolved() {
			continue
		}
		kind := e.API.GroupKind()
		f := p.Report(e.From, graph.JoinPath(e.Path, "name"),
			"%s %s not found in the analyzed manifests: Istio binds the route to no parent for this reference, so it serves no traffic through it%s; create the %s, or fix name and namespace%s",
			kind.Kind, e.Target, sameNameHint(p.Graph, kind, e.API), kind.Kind, externalsHint(kind))
		for _, r := range sameName(p.Graph, kind, e.API) {
			f.RelateResource(r, "metadata.name", "%s has the same name in another namespace", r)
		}
	}
}

// sameName are the objects of kind named like ref in other namespaces:
// the usual cause is a missing or wrong namespace in the parentRef.
func sameName(g *graph.Graph, kind graph.GroupKind, ref graph.APIRef) []*graph.Resource {
	var out []*graph.Resource
	for _, r := range g.OfKind(kind) {
		if r.Name == ref.Name && r.Namespace != ref.Namespace && r.ShadowedBy == nil && r.Implied == "" {
			out = append(out, r)
		}
	}
	return out
}

func sameNameHint(g *graph.Graph, kind graph.GroupKind, ref graph.APIRef) string {
	if rs := sameName(g, kind, ref); len(rs) > 0 {
		return fmt.Sprintf(" (did you mean namespace: %s?)", rs[0].Namespace)
	}
	return ""
}

func externalsHint(kind graph.GroupKind) string {
	if kind == graph.KindK8sGateway {
		return "; if it is defined in other files, declare it in externals.gateways"
	}
	return ""
}

// reportServiceParentsWithoutGroup reports parentRefs of kind Service or
// ServiceEntry that leave group out: a parentRef's group defaults to
// gateway.networking.k8s.io, which has neither kind, so Istio takes the
// reference for another controller's and ignores it.
func reportServiceParentsWithoutGroup(p *analyzers.Pass) {
	for _, kind := range graph.RouteKinds {
		for _, r := range p.Graph.OfKind(kind) {
			if r.Implied != "" || r.ShadowedBy != nil {
				continue
			}
			for _, ref := range r.RouteParentRefs() {
				if ref.Group != graph.GroupGatewayAPI || (ref.Kind != "Service" && ref.Kind != "ServiceEntry") {
					continue
				}
				group := `""`
				if ref.Kind == "ServiceEntry" {
					group = graph.GroupNetworking
				}
				p.Report(r, graph.JoinPath(ref.Path, "kind"),
					"parentRef kind %s in group %s (the default when group is left out) names no kind Istio knows, so it ignores this parent and the route applies to no %s; write group: %s",
					ref.Kind, ref.Group, ref.Kind, group)
			}
		}
	}
}
