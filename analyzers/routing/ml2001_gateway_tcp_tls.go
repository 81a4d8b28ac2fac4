package routing

import (
	"slices"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// The tcp and tls parts of ML2001 look at Gateways only. A sidecar sends
// TCP connections no tcp rule matches to the destination Service's own
// cluster, and TLS ones too when no tls rule applies to it; a gateway has
// no such fallback: a connection no filter chain takes is closed.

// Keys of the tcp and tls findings: one of each per VirtualService.
const (
	noDefaultTCPRoute = "no default tcp route at a gateway"
	noDefaultTLSRoute = "no tls route for an SNI host at a gateway"
)

// reportGatewayTCPNoDefault reports the first TCP server of a bound
// Gateway serving the VirtualService's hosts whose port no tcp rule of
// the VirtualServices bound there matches.
func reportGatewayTCPNoDefault(p *analyzers.Pass, routes *gatewayRoutes, r *graph.Resource, vs *networking.VirtualService) {
	if len(vs.GetTcp()) == 0 {
		return
	}
	last := graph.IndexPath("spec.tcp", len(vs.GetTcp())-1) + ".match"
	for _, gw := range boundGateways(p.Graph, r) {
		for _, s := range gw.Gateway().GetServers() {
			if graph.GatewayServerRouting(s) != graph.ServerTCP || !servesHosts(p.Graph, gw, s, r) || routes.of(gw, s).tcp {
				continue
			}
			port := s.GetPort().GetNumber()
			p.Report(r, last, "no default route: no tcp rule matches connections on port %d at gateway %s, so the gateway closes them; "+
				"add a last tcp rule without match (or one matching port %d)", port, gw.NamespacedName(), port).WithKey(noDefaultTCPRoute)
			return
		}
	}
}

// reportGatewayTLSNoDefault reports the first passthrough server of a
// bound Gateway, serving the VirtualService's hosts, whose port no tls
// rule bound there matches, or else the first host of the VirtualService
// such a server accepts that no tls match for its port lists in sniHosts.
func reportGatewayTLSNoDefault(p *analyzers.Pass, routes *gatewayRoutes, r *graph.Resource, vs *networking.VirtualService) {
	if len(vs.GetTls()) == 0 {
		return
	}
	last := graph.IndexPath("spec.tls", len(vs.GetTls())-1) + ".match"
	for _, gw := range boundGateways(p.Graph, r) {
		for _, s := range gw.Gateway().GetServers() {
			if graph.GatewayServerRouting(s) != graph.ServerPassthrough || !servesHosts(p.Graph, gw, s, r) {
				continue
			}
			port := s.GetPort().GetNumber()
			if !routes.of(gw, s).sniRouted("") {
				p.Report(r, last, "no default route: no tls rule matches connections on port %d at gateway %s, so the gateway closes them; "+
					"add a tls match for port %d with the sniHosts to route", port, gw.NamespacedName(), port).WithKey(noDefaultTLSRoute)
				return
			}
			if h := unroutedSNI(p.Graph, routes.of(gw, s), gw, s, r); h != "" {
				p.Report(r, last, "no default route: gateway %s accepts %s on port %d, but no tls match for that port there lists it in sniHosts, "+
					"so its connections match no filter chain and are closed; add %s to the sniHosts of a tls rule", gw.NamespacedName(), h, port, h).WithKey(noDefaultTLSRoute)
				return
			}
		}
	}
}

// unroutedSNI returns the first host of the VirtualService that the
// passthrough server accepts and no tls match there routes. Wildcard
// hosts are left out: sniHosts often list the names meant under them.
func unroutedSNI(g *graph.Graph, routes *serverRoutes, gw *graph.Resource, s *networking.Server, r *graph.Resource) string {
	for _, h := range r.VirtualService().GetHosts() {
		if graph.IsWildcard(h) || graph.HasPlaceholder(h) || !g.ServerServes(gw, s, r.Namespace, []string{h}) {
			continue
		}
		if !routes.sniRouted(h) {
			return h
		}
	}
	return ""
}

// boundGateways are the Istio Gateways in the files that the
// VirtualService's spec.gateways name.
func boundGateways(g *graph.Graph, r *graph.Resource) []*graph.Resource {
	var out []*graph.Resource
	for _, e := range g.EdgesFrom(r, graph.EdgeGateway) {
		if len(e.To) == 1 && e.To[0].Gateway() != nil && !slices.Contains(out, e.To[0]) {
			out = append(out, e.To[0])
		}
	}
	return out
}

func servesHosts(g *graph.Graph, gw *graph.Resource, s *networking.Server, vs *graph.Resource) bool {
	return g.ServerServes(gw, s, vs.Namespace, vs.VirtualService().GetHosts())
}

// gatewayRoutes holds what the VirtualServices bound to a Gateway that
// serve one of its servers route there, per server, computed on first
// use: scanning them all again for each of them was cubic for one Gateway
// with thousands of hosts, each with its VirtualService.
type gatewayRoutes struct {
	g       *graph.Graph
	servers map[*networking.Server]*serverRoutes
}

// serverRoutes: tcp when a tcp rule applies to the server; the sniHosts
// of the tls matches (of rules with a route) that apply, and whether one
// of them is templated.
type serverRoutes struct {
	tcp, tls  bool
	sni       *graph.HostSet
	templated bool
}

func newGatewayRoutes(g *graph.Graph) *gatewayRoutes {
	return &gatewayRoutes{g: g, servers: map[*networking.Server]*serverRoutes{}}
}

func (gr *gatewayRoutes) of(gw *graph.Resource, s *networking.Server) *serverRoutes {
	if sr, ok := gr.servers[s]; ok {
		return sr
	}
	sr := &serverRoutes{sni: graph.NewHostSet()}
	for _, vs := range serverVirtualServices(gr.g, gw, s) {
		sr.tcp = sr.tcp || tcpRouted(vs, gw, s)
		sr.addTLS(vs, gw, s)
	}
	gr.servers[s] = sr
	return sr
}

// tcpRouted reports whether the VirtualService has a tcp rule for the
// server's port. At a gateway Istio reads only the port and gateways of a
// tcp match.
func tcpRouted(vs, gw *graph.Resource, s *networking.Server) bool {
	for _, rule := range vs.VirtualService().GetTcp() {
		if len(rule.GetRoute()) > 0 && (len(rule.GetMatch()) == 0 || slices.ContainsFunc(rule.GetMatch(), func(m *networking.L4MatchAttributes) bool {
			return graph.L4MatchAppliesAt(m.GetPort(), m.GetGateways(), gw, s, vs.Namespace)
		})) {
			return true
		}
	}
	return false
}

func (sr *serverRoutes) addTLS(vs, gw *graph.Resource, s *networking.Server) {
	for _, rule := range vs.VirtualService().GetTls() {
		for _, m := range rule.GetMatch() {
			if len(rule.GetRoute()) == 0 || !graph.L4MatchAppliesAt(m.GetPort(), m.GetGateways(), gw, s, vs.Namespace) {
				continue
			}
			for _, sni := range m.GetSniHosts() {
				sr.tls = true
				sr.templated = sr.templated || graph.HasPlaceholder(sni)
				sr.sni.Add(sni)
			}
		}
	}
}

// sniRouted reports whether a tls rule on the server's port lists host in
// its sniHosts (any host when host is "").
func (sr *serverRoutes) sniRouted(host string) bool {
	if host == "" {
		return sr.tls
	}
	return sr.templated || sr.sni.Match(host)
}

// serverVirtualServices are the VirtualServices bound to gw that serve
// one of the server's hosts.
func serverVirtualServices(g *graph.Graph, gw *graph.Resource, s *networking.Server) []*graph.Resource {
	var out []*graph.Resource
	seen := map[*graph.Resource]bool{}
	for _, e := range g.EdgesTo(gw, graph.EdgeGateway) {
		if e.From.VirtualService() != nil && !seen[e.From] && servesHosts(g, gw, s, e.From) {
			seen[e.From] = true
			out = append(out, e.From)
		}
	}
	return out
}
