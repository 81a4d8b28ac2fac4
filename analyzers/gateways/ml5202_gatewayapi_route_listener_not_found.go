package gateways

import (
	"slices"
	"strconv"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIRouteListenerNotFound reports parentRefs whose sectionName or
// port no listener of the parent has.
var GatewayAPIRouteListenerNotFound = &analyzers.Rule{
	ID: "ML5202", Name: "gatewayapi-route-listener-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.RouteAttachmentInputs(),
	Summary: "a Gateway API route's parentRef names a sectionName or port that no listener of the Gateway has",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5202"),
	Run:     runGatewayAPIRouteListenerNotFound,
}

func runGatewayAPIRouteListenerNotFound(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteParent) {
		if p.Graph.RouteAttachment(e).Reason != graph.AttachNoListener {
			continue
		}
		parent := e.To[0]
		listeners := parent.GatewayListeners()
		field, what := "port", "port "+strconv.Itoa(e.API.Port)
		named := slices.ContainsFunc(listeners, func(l graph.Listener) bool { return l.Name == e.API.SectionName })
		if e.API.SectionName != "" && (!named || e.API.Port == 0) {
			field, what = "sectionName", "sectionName \""+e.API.SectionName+"\""
		}
		if field == "port" && e.API.SectionName != "" {
			what = "port " + strconv.Itoa(e.API.Port) + " on listener \"" + e.API.SectionName + "\""
		}
		p.Report(e.From, graph.JoinPath(e.Path, field),
			"%s %s has no listener with %s (listeners: %s): Istio does not accept the route on this parent (Accepted=False, NoMatchingParent), so it serves no traffic through it; name one of the listeners",
			parent.Kind, parent.NamespacedName(), what, listenerList(listeners)).
			RelateResource(parent, "spec.listeners", "the listeners of %s", parent)
	}
}
