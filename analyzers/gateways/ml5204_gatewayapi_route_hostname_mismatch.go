package gateways

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIRouteHostnameMismatch reports routes whose hostnames match
// the hostname of none of the listeners they attach to.
var GatewayAPIRouteHostnameMismatch = &analyzers.Rule{
	ID: "ML5204", Name: "gatewayapi-route-hostname-mismatch", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.RouteAttachmentInputs(),
	Summary: "no hostname of a Gateway API route intersects the hostname of a listener it attaches to",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5204"),
	Run:     runGatewayAPIRouteHostnameMismatch,
}

func runGatewayAPIRouteHostnameMismatch(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteParent) {
		a := p.Graph.RouteAttachment(e)
		if a.Reason != graph.AttachNoHostname {
			continue
		}
		parent := e.To[0]
		var hosts []string
		for _, l := range a.Listeners {
			hosts = append(hosts, l.Hostname)
		}
		p.Report(e.From, "spec.hostnames",
			"hostnames %s match no hostname of the listeners of %s this route attaches to (%s): Istio does not accept the route there (Accepted=False, NoMatchingListenerHostname), so the gateway does not route these hosts by it; add a hostname the listener serves, or attach the route to a listener for these hosts",
			strings.Join(e.From.RouteHostnames(), ", "), parent.NamespacedName(), strings.Join(hosts, ", ")).
			RelateResource(parent, graph.JoinPath(a.Listeners[0].Path, "hostname"), "listener %s serves %s", a.Listeners[0], a.Listeners[0].Hostname).
			WithKey("hostnames", parent.NamespacedName())
	}
}
