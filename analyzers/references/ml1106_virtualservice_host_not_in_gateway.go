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
	Summary:        "a VirtualService is bound to a Gateway that serves none of its hosts",
	Istio:          []string{"IST0132"},
	IstioAnalyzers: []string{"virtualservice.GatewayAnalyzer"},
	Doc: "A Gateway only applies the routes of a VirtualService whose `hosts` match one of the hosts of its " +
		"servers (`servers[].hosts`, optionally `namespace/host`: `./host` is the Gateway's namespace, `*/host` " +
		"any namespace). When none matches, the VirtualService is silently ignored at that gateway and " +
		"requests get a 404. Wildcards match by suffix (`*.example.com` serves `shop.example.com`). For a " +
		"Kubernetes Gateway API Gateway, listener `hostname`s are compared, and a listener without one serves " +
		"every host.\n\n" +
		"### Bad\n```yaml\nkind: Gateway\nmetadata: {name: public, namespace: istio-system}\nspec:\n  selector: {istio: ingressgateway}\n" +
		"  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"shop.example.com\"]\n---\n" +
		"kind: VirtualService\nmetadata: {name: blog, namespace: web}\nspec:\n  hosts: [\"blog.example.com\"]\n" +
		"  gateways: [istio-system/public]\n  http:\n  - route:\n    - destination: {host: blog}\n```\n\n" +
		"### Good\n```yaml\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"shop.example.com\", \"blog.example.com\"]\n```\n",
	Run: runVirtualServiceHostNotInGateway,
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
		if all || anyHostServed(served, vs.GetHosts(), e.From.Namespace, domain) {
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
		for _, h := range server.GetHosts() {
			ns, host, scoped := strings.Cut(h, "/")
			if !scoped {
				host, ns = h, "*"
			}
			if ns == "." {
				ns = gw.Namespace
			}
			if ns == "*" || ns == vsNS {
				hosts = append(hosts, host)
			}
		}
	}
	return hosts, false
}

// anyHostServed compares as written and, for short names, also expanded:
// a short VirtualService host is matched either way to avoid false alarms.
func anyHostServed(served, vsHosts []string, vsNS, domain string) bool {
	for _, g := range served {
		for _, h := range vsHosts {
			if graph.HostsMatch(g, h) || graph.HostsMatch(g, graph.FQDN(h, vsNS, domain)) {
				return true
			}
		}
	}
	return false
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
