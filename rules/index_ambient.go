package rules

import (
	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
)

// ambientIndex is data.meshlint.ambient, the ambient-mode joins:
//
//	waypoints   id of a Namespace, Service, ServiceEntry or workload
//	            labelled istio.io/use-waypoint → ids of the Gateway it names
//	            ([] when not in the files)
//	targetrefs  policy id → ids of what its targetRefs attach to
func ambientIndex(g *graph.Graph) ast.Value {
	return ast.NewObject(
		ast.Item(ast.StringTerm("waypoints"), edgeTargets(g, graph.EdgeUseWaypoint)),
		ast.Item(ast.StringTerm("targetrefs"), edgeTargets(g, graph.EdgeTargetRef)),
	)
}
