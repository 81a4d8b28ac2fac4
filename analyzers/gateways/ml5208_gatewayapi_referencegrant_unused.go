package gateways

import (
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIReferenceGrantUnused reports ReferenceGrants that permit no
// reference of the analyzed manifests although the objects they let refer
// are among them.
var GatewayAPIReferenceGrantUnused = &analyzers.Rule{
	ID: "ML5208", Name: "gatewayapi-referencegrant-unused", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeReferenceGrant),
	Summary: "a ReferenceGrant permits no reference of the analyzed manifests",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5208"),
	Run:     runGatewayAPIReferenceGrantUnused,
}

// grantFromKinds are the kinds whose references Istio checks against grants.
var grantFromKinds = append([]graph.GroupKind{graph.KindK8sGateway, graph.KindListenerSet}, graph.RouteKinds...)

func runGatewayAPIReferenceGrantUnused(p *analyzers.Pass) {
	for _, grant := range p.Graph.OfKind(graph.KindReferenceGrant) {
		if grant.Implied != "" || grant.ShadowedBy != nil || holdsPlaceholder(grant.Object["spec"]) {
			continue
		}
		if len(p.Graph.EdgesTo(grant, graph.EdgeReferenceGrant)) > 0 || !grantSourcesPresent(p.Graph, grant) {
			continue
		}
		p.Report(grant, "spec.to",
			"no reference in the analyzed manifests uses this ReferenceGrant, though they define objects it lets refer into %s: nothing they hold needs it; check that from and to name the referring kind and namespace and the referenced kind and name exactly (group \"\" for Service and Secret), or remove it",
			grant.Namespace)
	}
}

// grantSourcesPresent reports whether the files define an object of a
// from entry's kind in its namespace: only then can they show the grant
// is unused (the referring routes may live in another repository).
func grantSourcesPresent(g *graph.Graph, grant *graph.Resource) bool {
	spec, _ := grant.Object["spec"].(map[string]any)
	from, _ := spec["from"].([]any)
	for _, f := range from {
		m, _ := f.(map[string]any)
		group, _ := m["group"].(string)
		kind, _ := m["kind"].(string)
		ns, _ := m["namespace"].(string)
		gk := graph.GroupKind{Group: group, Kind: kind}
		if !slices.Contains(grantFromKinds, gk) {
			continue
		}
		for _, r := range g.OfKind(gk) {
			if r.Namespace == ns && r.Implied == "" {
				return true
			}
		}
	}
	return false
}
