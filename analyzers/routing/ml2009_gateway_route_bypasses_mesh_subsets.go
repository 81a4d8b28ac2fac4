package routing

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayRouteBypassesMeshSubsets reports a gateway route to a host,
// without subset, when a VirtualService for the sidecars splits that host
// by subset: gateways do not apply it, so ingress traffic reaches every
// version.
var GatewayRouteBypassesMeshSubsets = &analyzers.Rule{
	ID: "ML2009", Name: "gateway-route-bypasses-mesh-subsets", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         slices.Concat(graph.EdgeInputs(graph.EdgeRouteHost), graph.EdgeInputs(graph.EdgeServiceWorkload)),
	Summary:        "a gateway route sends to a host without subset while a sidecar VirtualService splits that host by subset",
	Istio:          []string{"IST0140"},
	IstioAnalyzers: []string{"virtualservice.DestinationHostAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2009"),
	Run:            runGatewayRouteBypassesMeshSubsets,
}

func runGatewayRouteBypassesMeshSubsets(p *analyzers.Pass) {
	routers := p.Graph.MeshSubsetRouters()
	domain := p.Graph.Options().ClusterDomain
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil || r.Implied != "" {
			continue
		}
		for _, d := range r.Destinations() {
			if d.Protocol != "http" || d.Mirror || d.Subset != "" || d.Host == "" || graph.HasPlaceholder(d.Host) {
				continue
			}
			gws := atGateways(graph.RouteGateways(vs, &d))
			others := slices.DeleteFunc(slices.Clone(routers[graph.FQDN(d.Host, r.Namespace, domain)]), func(o *graph.Resource) bool { return o == r })
			if len(gws) == 0 || len(others) == 0 {
				continue
			}
			severity, ok := bypassSeverity(p.Graph, d.Host, r)
			if !ok {
				continue
			}
			var names []string
			for _, o := range others {
				if n := vsName(o); !slices.Contains(names, n) {
					names = append(names, n)
				}
			}
			f := p.Report(r, d.Path+".host", "route at gateway %s sends to %s without a subset, while VirtualService %s routes %s by subset for the sidecars only: "+
				"gateways do not apply it, so requests through the gateway reach every version; name the subset here, or repeat the split in this route",
				strings.Join(gws, ", "), d.Host, strings.Join(names, ", "), d.Host).WithSeverity(severity)
			for _, o := range others {
				f.RelateResource(o, "spec.hosts", "VirtualService %s splits %s by subset", vsName(o), d.Host)
			}
		}
	}
}

// atGateways drops the sidecars (mesh) from a route's gateways.
func atGateways(gws []string) []string {
	out := slices.DeleteFunc(slices.Clone(gws), func(g string) bool { return g == graph.MeshGateway })
	slices.Sort(out)
	return slices.Compact(out)
}

// bypassSeverity weighs what skipping the split costs, from the versions
// of the host's Service that the files deploy: with two or more, ingress
// traffic reaches versions the split keeps out (warning); with one, the
// split changes nothing (not reported); with none in the files, it cannot
// be told (info).
func bypassSeverity(g *graph.Graph, host string, vs *graph.Resource) (analyzers.Severity, bool) {
	deployed := false
	for _, e := range g.ResolveHost(host, vs.Namespace, vs.VirtualService().GetExportTo()) {
		if !e.Resource.Is(graph.KindService) {
			continue
		}
		for _, w := range g.EdgesFrom(e.Resource, graph.EdgeServiceWorkload) {
			deployed = deployed || slices.ContainsFunc(w.Workloads, func(w *graph.Workload) bool { return !w.Implied() })
		}
		if len(g.ServiceVersions(e.Resource)) > 1 {
			return analyzers.SeverityWarning, true
		}
	}
	if deployed {
		return analyzers.SeverityInfo, false
	}
	return analyzers.SeverityInfo, true
}
