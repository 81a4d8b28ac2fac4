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
		if gatewayServes(p.Graph, gw, e.From.Namespace, vs.GetHosts(), domain) {
			continue
		}
		p.Report(e.From, e.Path, "none of the hosts %s is served by Gateway %s (hosts: %s)",
			strings.Join(vs.GetHosts(), ", "), gw.NamespacedName(), listOrNone(gatewayHosts(gw, e.From.Namespace))).
			Relate(gw.Location(gatewayHostsPath(gw)), "%s is defined here", gw)
	}
}

// gatewayServes reports whether a Gateway serves one of the hosts to
// VirtualServices of namespace vsNS. An Istio Gateway's hosts are looked
// up in the graph's index: a Gateway with thousands of hosts and a
// VirtualService for each stays linear.
func gatewayServes(g *graph.Graph, gw *graph.Resource, vsNS string, hosts []string, domain string) bool {
	if !gw.Is(graph.KindK8sGateway) {
		return g.GatewayServes(gw, vsNS, hosts)
	}
	served, all := gw.ListenerHostnames()
	return all || graph.HostsServed(served, hosts, vsNS, domain)
}

// gatewayHosts lists the hosts a Gateway serves to VirtualServices of
// namespace vsNS, for the message.
func gatewayHosts(gw *graph.Resource, vsNS string) (hosts []string) {
	if gw.Is(graph.KindK8sGateway) {
		hosts, _ = gw.ListenerHostnames()
		return hosts
	}
	for _, server := range gw.Gateway().GetServers() {
		hosts = append(hosts, graph.ServerHosts(gw, server, vsNS)...)
	}
	return hosts
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
