package references

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// UseWaypointNotAccepted reports an istio.io/use-waypoint label naming a
// waypoint that refuses it: its istio.io/waypoint-for does not take the
// traffic of what the label is on, or its HBONE listener does not allow
// attachment from the label's namespace.
var UseWaypointNotAccepted = &analyzers.Rule{
	ID: "ML1122", Name: "use-waypoint-not-accepted", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  append(append(graph.EdgeInputs(graph.EdgeUseWaypoint), graph.WaypointInputs()...), graph.InjectionInputs()...),
	Summary: "an istio.io/use-waypoint label names a waypoint whose waypoint-for or allowed namespaces refuse it",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1122"),
	Run:     runUseWaypointNotAccepted,
}

func runUseWaypointNotAccepted(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeUseWaypoint) {
		if len(e.To) != 1 || e.From.Implied != "" {
			continue
		}
		gw := e.To[0]
		if refusedAttachment(p, e, gw) {
			continue
		}
		refusedTraffic(p, e, gw)
	}
}

// refusedAttachment reports a waypoint in another namespace whose HBONE
// listener does not allow the user's namespace.
func refusedAttachment(p *analyzers.Pass, e *graph.Edge, gw *graph.Resource) bool {
	ns := e.From.Namespace
	if e.From.Is(graph.KindNamespace) {
		ns = e.From.Name
	}
	admits, known, path := p.Graph.WaypointAdmits(gw, ns)
	if admits || !known {
		return false
	}
	f := p.Report(e.From, e.Path, "waypoint %s does not allow attachment from namespace %s (its HBONE listener on port 15008 allows %s): Istio refuses the binding "+
		"and the traffic of %s bypasses the waypoint; set allowedRoutes.namespaces on that listener (from: All, or a Selector matching %s), or use a waypoint of namespace %s",
		gw.NamespacedName(), ns, allowedText(path), e.From, ns, ns)
	if path == "" {
		path = "spec.listeners"
	}
	f.RelateResource(gw, path, "waypoint %s allows %s", gw.NamespacedName(), allowedText(path))
	return true
}

func allowedText(path string) string {
	if strings.HasSuffix(path, ".from") {
		return "only the namespaces of its allowedRoutes"
	}
	return "only its own namespace (allowedRoutes defaults to from: Same)"
}

// refusedTraffic reports a waypoint whose waypoint-for does not take the
// user's traffic: a Service or ServiceEntry needs service traffic, a
// workload labelled itself workload traffic; a Namespace's label is
// inherited by its Services, reported when one in the files takes it.
func refusedTraffic(p *analyzers.Pass, e *graph.Edge, gw *graph.Resource) {
	traffic := p.Graph.WaypointTraffic(gw)
	user := e.From
	if user.Is(graph.KindNamespace) {
		user = inheritingService(p.Graph, user.Name)
	}
	if user == nil || traffic.Covers(user) || (user.Workload != nil && p.Graph.Injection(user).Mode != graph.ModeAmbient) {
		return
	}
	want := "service"
	if user.Workload != nil {
		want = "workload"
	}
	says := "istio.io/waypoint-for: " + traffic.For
	if traffic.Decider == nil {
		says = "the default: neither it nor its GatewayClass says istio.io/waypoint-for"
	}
	f := p.Report(e.From, e.Path, "waypoint %s takes %s traffic (%s), not the %s traffic of %s: Istio refuses the binding and that traffic bypasses the waypoint; "+
		"label the waypoint istio.io/waypoint-for: %s or all, or use another waypoint",
		gw.NamespacedName(), traffic.For, says, want, user, want)
	if traffic.Decider != nil {
		f.RelateResource(traffic.Decider, traffic.Path, "%s says istio.io/waypoint-for: %s", traffic.Decider, traffic.For)
	} else {
		f.RelateResource(gw, "metadata.name", "waypoint %s takes service traffic only: neither it nor its GatewayClass says istio.io/waypoint-for", gw.NamespacedName())
	}
}

// inheritingService is the first Service or ServiceEntry of namespace ns
// in the files without a use-waypoint label of its own.
func inheritingService(g *graph.Graph, ns string) *graph.Resource {
	for _, kind := range []graph.GroupKind{graph.KindService, graph.KindServiceEntry} {
		for _, r := range g.OfKind(kind) {
			if _, own := r.Labels[graph.LabelUseWaypoint]; r.Namespace == ns && !own && r.ShadowedBy == nil && r.Implied == "" && !isWaypointService(r) {
				return r
			}
		}
	}
	return nil
}

// isWaypointService reports a Service Istio deploys for a Gateway (the
// label gateway.networking.k8s.io/gateway-name): a waypoint's own Service
// never takes a waypoint.
func isWaypointService(r *graph.Resource) bool {
	_, ok := r.Labels[graph.LabelGatewayName]
	return ok
}
