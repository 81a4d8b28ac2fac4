package references

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// UseWaypointNotFound reports an istio.io/use-waypoint label naming a
// Gateway the analyzed manifests do not define.
var UseWaypointNotFound = &analyzers.Rule{
	ID: "ML1121", Name: "use-waypoint-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeUseWaypoint),
	Summary: "an istio.io/use-waypoint label names a waypoint that is not in the analyzed manifests",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1121"),
	Run:     runUseWaypointNotFound,
}

func runUseWaypointNotFound(p *analyzers.Pass) {
	// A repository that defines no Gateway API Gateway at all most likely
	// creates its waypoints with istioctl: say it, as advice.
	declares := p.Graph.HasAny([]graph.GroupKind{graph.KindK8sGateway})
	for _, e := range p.Graph.Edges(graph.EdgeUseWaypoint) {
		if e.Resolved() {
			continue
		}
		ns, _ := splitTarget(e.Target)
		f := p.Report(e.From, e.Path, "istio.io/use-waypoint names waypoint %q in namespace %s, not found in the analyzed manifests: Istio reports it as not ready "+
			"and the traffic of %s bypasses it, so the layer-7 policies and routes attached to the waypoint do not apply; "+
			"define the waypoint (a Gateway of gatewayClassName istio-waypoint, as `istioctl waypoint generate` writes)%s, or declare it in externals.gateways if it lives elsewhere",
			e.Ref, ns, e.From, waypointNameHint(p.Graph, e))
		if !declares {
			f.WithSeverity(analyzers.SeverityInfo)
		}
	}
}

// waypointNameHint points at a Gateway of the same name in another
// namespace: the usual cause is a missing istio.io/use-waypoint-namespace.
func waypointNameHint(g *graph.Graph, e *graph.Edge) string {
	ns, _ := splitTarget(e.Target)
	for _, gw := range g.OfKind(graph.KindK8sGateway) {
		if gw.Name == e.Ref && gw.Namespace != ns && gw.Implied == "" {
			return "; Gateway " + gw.NamespacedName() + " has that name: set istio.io/use-waypoint-namespace: " + gw.Namespace
		}
	}
	return ""
}

// splitTarget splits an "ns/name" edge target.
func splitTarget(target string) (ns, name string) {
	ns, name, _ = strings.Cut(target, "/")
	return ns, name
}
