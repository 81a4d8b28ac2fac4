package gateways

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIRouteNotAllowed reports routes that the listeners they would
// bind to refuse through allowedRoutes: their namespace or their kind.
var GatewayAPIRouteNotAllowed = &analyzers.Rule{
	ID: "ML5203", Name: "gatewayapi-route-not-allowed-by-listeners", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.RouteAttachmentInputs(),
	Summary: "the Gateway listeners a route attaches to do not allow routes from its namespace or of its kind",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5203"),
	Run:     runGatewayAPIRouteNotAllowed,
}

func runGatewayAPIRouteNotAllowed(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteParent) {
		a := p.Graph.RouteAttachment(e)
		var why string
		switch a.Reason {
		case graph.AttachNamespaceNotAllowed:
			why = "namespace " + e.From.Namespace + " is not among the namespaces they allow (" + allowedNamespaces(a.Listeners) + ")"
		case graph.AttachKindNotAllowed:
			why = "they take " + allowedKinds(a.Listeners) + ", not " + e.From.Kind
		default:
			continue
		}
		parent := e.To[0]
		f := p.Report(e.From, e.Path,
			"the listeners of %s this route would bind to (%s) refuse it: %s; Istio does not accept the route there (Accepted=False, NotAllowedByListeners), so it serves no traffic through this parent; change allowedRoutes on the listener, or attach the route to a listener that allows it",
			parent.NamespacedName(), listenerList(a.Listeners), why)
		f.RelateResource(parent, graph.JoinPath(a.Listeners[0].Path, "allowedRoutes"), "allowedRoutes of listener %s", a.Listeners[0])
	}
}

func allowedNamespaces(ls []graph.Listener) string {
	var parts []string
	for _, l := range ls {
		switch l.From {
		case "Same":
			parts = append(parts, l.String()+": only "+l.Owner.Namespace)
		case "Selector":
			parts = append(parts, l.String()+": Namespaces matching its selector")
		default:
			parts = append(parts, l.String()+": "+l.From)
		}
	}
	return strings.Join(parts, "; ")
}

func allowedKinds(ls []graph.Listener) string {
	var names []string
	for _, l := range ls {
		kinds, _ := l.SupportedKinds()
		for _, k := range kinds {
			if !slices.Contains(names, k.Kind) {
				names = append(names, k.Kind)
			}
		}
	}
	if len(names) == 0 {
		return "no route kind Istio serves"
	}
	return strings.Join(names, ", ")
}
