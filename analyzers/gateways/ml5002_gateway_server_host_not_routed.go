package gateways

import (
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// GatewayServerHostNotRouted reports a Gateway server host that no bound
// VirtualService serves.
var GatewayServerHostNotRouted = &analyzers.Rule{
	ID: "ML5002", Name: "gateway-server-host-not-routed", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeGateway),
	Summary: "a Gateway server host is served by no VirtualService bound to the Gateway",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5002"),
	Run:     runGatewayServerHostNotRouted,
}

// unrouted is a server host entry (spec.servers[server].hosts[host]) that
// no bound VirtualService serves.
type unrouted struct {
	server, host int
}

func runGatewayServerHostNotRouted(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		if r.Implied != "" || r.ShadowedBy != nil || r.Gateway() == nil {
			continue
		}
		bound, judgeable := boundVirtualServices(p.Graph, r)
		if !judgeable || missedReference(p.Graph, r) {
			continue
		}
		missing := unroutedHosts(p.Graph, r, bound)
		if len(missing) == 0 {
			continue
		}
		if len(bound) == 0 {
			reportNoneBound(p, r, missing[0])
			continue
		}
		for _, m := range missing {
			reportUnrouted(p, r, m)
		}
	}
}

// boundVirtualServices lists the VirtualServices whose spec.gateways
// name gw. judgeable is false when one of them has a templated host (what
// it serves is not known) or serves none of gw's hosts: ML1106 reports
// that mismatch, which is likely the same mistake.
func boundVirtualServices(g *graph.Graph, gw *graph.Resource) (bound []*graph.Resource, judgeable bool) {
	for _, e := range g.EdgesTo(gw, graph.EdgeGateway) {
		vs := e.From.VirtualService()
		if vs == nil || len(vs.GetHosts()) == 0 || slices.Contains(bound, e.From) {
			continue
		}
		if slices.ContainsFunc(vs.GetHosts(), graph.HasPlaceholder) || !servesAnyServer(g, gw, e.From) {
			return nil, false
		}
		bound = append(bound, e.From)
	}
	return bound, true
}

// missedReference reports whether a VirtualService names a Gateway that
// is not found (ML1101) in gw's namespace or by gw's name: likely gw
// misspelled or in the wrong namespace, and its hosts unrouted by that
// same mistake.
func missedReference(g *graph.Graph, gw *graph.Resource) bool {
	for _, e := range g.Edges(graph.EdgeGateway) {
		ns, name, _ := strings.Cut(e.Target, "/")
		if !e.Resolved() && (ns == gw.Namespace || name == gw.Name) {
			return true
		}
	}
	return false
}

func servesAnyServer(g *graph.Graph, gw, vs *graph.Resource) bool {
	for _, s := range gw.Gateway().GetServers() {
		hosts := graph.ServerHosts(gw, s, vs.Namespace)
		if graph.HostsServed(hosts, vs.VirtualService().GetHosts(), vs.Namespace, g.Options().ClusterDomain) {
			return true
		}
	}
	return false
}

// unroutedHosts lists the host entries of gw's servers that route by
// host (HTTP, TLS passed through) and that no bound VirtualService
// serves, and the first host of TCP servers none of whose hosts is served:
// a TCP server picks its VirtualService by host but routes every
// connection the same.
func unroutedHosts(g *graph.Graph, gw *graph.Resource, bound []*graph.Resource) []unrouted {
	domain := g.Options().ClusterDomain
	var out []unrouted
	for i, s := range gw.Gateway().GetServers() {
		switch graph.GatewayServerRouting(s) {
		case graph.ServerHTTP:
			if s.GetTls().GetHttpsRedirect() && !graph.IsTLSServer(s) {
				continue // answers every request with a redirect, no VirtualService needed
			}
		case graph.ServerPassthrough:
		case graph.ServerTCP:
			if len(s.GetHosts()) > 0 && !slices.ContainsFunc(s.GetHosts(), func(h string) bool { return hostServed(gw, h, bound, domain) }) {
				out = append(out, unrouted{i, 0})
			}
			continue
		default:
			continue
		}
		for j, h := range s.GetHosts() {
			if !hostServed(gw, h, bound, domain) {
				out = append(out, unrouted{i, j})
			}
		}
	}
	return out
}

// hostServed reports whether a VirtualService of bound serves the server
// host entry, as graph.HostsServed compares hosts. Templated and invalid
// entries count as served.
func hostServed(gw *graph.Resource, entry string, bound []*graph.Resource, domain string) bool {
	if graph.HasPlaceholder(entry) || istiovalid.NamespacedHostProblem(entry, true) != "" {
		return true // not what is applied, or rejected: ML0206
	}
	for _, vs := range bound {
		host, visible := graph.ServerHost(gw, entry, vs.Namespace)
		if visible && graph.HostsServed([]string{host}, vs.VirtualService().GetHosts(), vs.Namespace, domain) {
			return true
		}
	}
	return false
}

func hostPath(m unrouted) string {
	return graph.IndexPath(graph.IndexPath("spec.servers", m.server)+".hosts", m.host)
}

func reportUnrouted(p *analyzers.Pass, gw *graph.Resource, m unrouted) {
	s := gw.Gateway().GetServers()[m.server]
	host := s.GetHosts()[m.host]
	p.Report(gw, hostPath(m), "no VirtualService bound to Gateway %s serves %s on port %d, so %s; "+
		"add it to the hosts of a VirtualService bound to this Gateway, or remove it from the server",
		gw.NamespacedName(), hostDescription(s, host), s.GetPort().GetNumber(), consequence(s, host))
}

func reportNoneBound(p *analyzers.Pass, gw *graph.Resource, first unrouted) {
	p.Report(gw, hostPath(first), "no VirtualService in the analyzed manifests is bound to Gateway %s, so its servers route nothing "+
		"(requests get a 404, TLS and TCP connections are closed); fine if its VirtualServices live elsewhere, "+
		"otherwise add one with gateways: [%s]", gw.NamespacedName(), gw.NamespacedName()).
		WithSeverity(analyzers.SeverityInfo)
}

func hostDescription(s *networking.Server, host string) string {
	if graph.GatewayServerRouting(s) == graph.ServerTCP {
		return "any of the hosts " + strings.Join(s.GetHosts(), ", ") + " of this TCP server"
	}
	return "host " + host
}

func consequence(s *networking.Server, host string) string {
	switch graph.GatewayServerRouting(s) {
	case graph.ServerHTTP:
		return "requests for " + hostPart(host) + " get a 404"
	case graph.ServerPassthrough:
		return "TLS connections for " + hostPart(host) + " match no filter chain and are closed"
	}
	return "its connections are closed"
}
