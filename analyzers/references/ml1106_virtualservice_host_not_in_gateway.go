package references

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceHostNotInGateway reports a VirtualService bound to a
// Gateway that serves none of its hosts.
var VirtualServiceHostNotInGateway = &analyzers.Rule{
	ID: "ML1106", Name: "virtualservice-host-not-in-gateway", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeGateway),
	Summary:        "a VirtualService is bound to a Gateway that serves none of its hosts",
	Istio:          []string{"IST0132"},
	IstioAnalyzers: []string{"virtualservice.GatewayAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1106"),
	Run:            runVirtualServiceHostNotInGateway,
}

func runVirtualServiceHostNotInGateway(p *analyzers.Pass) {
	domain := p.Graph.Options().ClusterDomain
	for _, e := range p.Graph.Edges(graph.EdgeGateway) {
		vs := e.From.VirtualService()
		if len(e.To) != 1 || vs == nil || len(vs.GetHosts()) == 0 {
			continue
		}
		gw := e.To[0]
		served, all := gatewayHosts(gw, e.From.Namespace)
		if all || graph.HostsServed(served, vs.GetHosts(), e.From.Namespace, domain) {
			continue
		}
		p.Report(e.From, e.Path, "none of the hosts %s is served by Gateway %s (hosts: %s)",
			strings.Join(vs.GetHosts(), ", "), gw.NamespacedName(), listOrNone(served)).
			Relate(gw.Location(gatewayHostsPath(gw)), "%s is defined here", gw)
	}
}

// gatewayHosts lists the hosts a Gateway serves to VirtualServices of
// namespace vsNS; all is true when it serves every host.
func gatewayHosts(gw *graph.Resource, vsNS string) (hosts []string, all bool) {
	if gw.Is(graph.KindK8sGateway) {
		return gw.ListenerHostnames()
	}
	for _, server := range gw.Gateway().GetServers() {
		hosts = append(hosts, graph.ServerHosts(gw, server, vsNS)...)
	}
	return hosts, false
}

func gatewayHostsPath(gw *graph.Resource) string {
	if gw.Is(graph.KindK8sGateway) {
		return "spec.listeners"
	}
	return "spec.servers"
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}
