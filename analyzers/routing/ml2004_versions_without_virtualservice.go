package routing

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VersionsWithoutVirtualService reports a host served by several versions
// (a DestinationRule with several subsets, or a Service whose workloads
// carry different version labels) that no VirtualService routes: requests
// go to every version alike. Running versions side by side without routing
// is how a rollout begins, so it is advice (info), not a warning.
var VersionsWithoutVirtualService = &analyzers.Rule{
	ID: "ML2004", Name: "versions-without-virtualservice", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs: append(append(graph.EdgeInputs(graph.EdgeServiceWorkload), graph.EdgeInputs(graph.EdgeDestinationRuleHost)...),
		graph.KindVirtualService),
	Summary: "a host has several versions (subsets or version labels) but no VirtualService, so requests reach every version alike",
	Doc:     analyzers.MustDoc(ruleDocs, "ML2004"),
	Run:     runVersionsWithoutVirtualService,
}

func runVersionsWithoutVirtualService(p *analyzers.Pass) {
	reported := map[string]bool{}
	for _, e := range p.Graph.Edges(graph.EdgeDestinationRuleHost) {
		subsets := subsetNames(e.From)
		if len(subsets) < 2 || len(e.To) == 0 || graph.IsWildcard(e.Target) || !unrouted(p.Graph, e.Target) {
			continue
		}
		reported[e.Target] = true
		p.Report(e.From, "spec.subsets", "DestinationRule defines subsets %s of %s but no VirtualService routes %s: "+
			"requests reach every subset alike and the subsets go unused; add a VirtualService that routes %s to a subset (or splits it by weight)",
			strings.Join(subsets, ", "), e.Ref, e.Ref, e.Ref)
	}
	domain := p.Graph.Options().ClusterDomain
	for _, svc := range p.Graph.OfKind(graph.KindService) {
		fqdn := graph.FQDN(svc.Name, svc.Namespace, domain)
		if svc.Implied != "" || reported[fqdn] {
			continue
		}
		versions := p.Graph.ServiceVersions(svc)
		if len(versions) < 2 || !unrouted(p.Graph, fqdn) {
			continue
		}
		p.Report(svc, "spec.selector", "Service %s selects workloads of versions %s but no VirtualService routes %s: "+
			"requests reach every version alike; if that is not meant, add a DestinationRule with a subset per version and a VirtualService that routes to them",
			svc.Name, strings.Join(versions, ", "), svc.Name)
	}
}

// unrouted reports a host that no VirtualService names, when that is known.
func unrouted(g *graph.Graph, fqdn string) bool {
	routed, known := g.HostRouted(fqdn)
	return known && !routed
}

func subsetNames(dr *graph.Resource) []string {
	var names []string
	for _, s := range dr.DestinationRule().GetSubsets() {
		names = append(names, s.GetName())
	}
	return names
}
