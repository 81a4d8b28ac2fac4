package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// PolicyTargetsServiceWithoutWaypoint reports a policy attached by
// targetRefs to a Service or ServiceEntry whose traffic goes through no
// waypoint: only waypoints apply policies attached to a Service, so it
// applies to nothing.
var PolicyTargetsServiceWithoutWaypoint = &analyzers.Rule{
	ID: "ML1124", Name: "policy-targets-service-without-waypoint", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  append(graph.EdgeInputs(graph.EdgeTargetRef), graph.EdgeInputs(graph.EdgeUseWaypoint)...),
	Summary: "a policy targets a Service or ServiceEntry that uses no waypoint, so nothing applies it",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1124"),
	Run:     runPolicyTargetsServiceWithoutWaypoint,
}

func runPolicyTargetsServiceWithoutWaypoint(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeTargetRef) {
		if len(e.To) != 1 || e.From.Implied != "" {
			continue
		}
		svc := e.To[0]
		if !svc.Is(graph.KindService) && !svc.Is(graph.KindServiceEntry) || svc.Implied != "" {
			continue
		}
		if wp, known := p.Graph.WaypointInEffect(svc); wp != nil || !known {
			continue
		}
		f := p.Report(e.From, e.Path+".name", "%s targets %s, which uses no waypoint (neither it nor namespace %s has an istio.io/use-waypoint label naming one): "+
			"only waypoints apply a policy attached to a Service, and sidecars and ztunnel ignore policies with targetRefs, so this %s applies to nothing; "+
			"label %s (or its namespace) istio.io/use-waypoint: <waypoint>, or attach the policy to workloads with selector",
			e.From.Kind, svc, svc.Namespace, e.From.Kind, svc)
		f.RelateResource(svc, "metadata.name", "%s uses no waypoint", svc)
	}
}
