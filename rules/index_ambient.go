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
func ambientIndex(in *Input) ast.Value {
	return ast.NewObject(
		ast.Item(ast.StringTerm("waypoints"), in.edgeTargets(graph.EdgeUseWaypoint)),
		ast.Item(ast.StringTerm("targetrefs"), in.edgeTargets(graph.EdgeTargetRef)),
	)
}
