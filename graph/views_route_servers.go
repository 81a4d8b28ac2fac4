package graph

import (
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"
)

// RouteServer is a server of a Gateway where a VirtualService rule runs:
// the gateway builds the rule's routes for the server's port.
type RouteServer struct {
	Gateway *Resource
	Index   int // in spec.servers
	Server  *networking.Server
}

// RouteServers lists the servers of the Istio Gateways in the files where
// the rule holding destination d of VirtualService vs surely runs: the
// Gateway is named in spec.gateways, the server serves one of the
// VirtualService's hosts with the routing of the rule's protocol (http
// rules on HTTP servers, tcp on TCP ones, tls on passthrough ones), and
// the rule has no match or a match for that gateway and port. A match
// that also needs source labels or a source namespace may not apply to
// the gateway's pods and does not count; a tcp rule after one that
// already takes the server's connections, and an http rule after one
// without match, do not run there. Mirrors are left out.
func (g *Graph) RouteServers(vs *Resource, d *Destination) []RouteServer {
	spec := vs.VirtualService()
	if spec == nil || d == nil || d.Mirror {
		return nil
	}
	var out []RouteServer
	for _, gw := range g.specGateways(vs) {
		for i, s := range gw.Gateway().GetServers() {
			if s.GetPort().GetNumber() == 0 || GatewayServerRouting(s) != routingOf(d.Protocol) ||
				!g.ServerServes(gw, s, vs.Namespace, spec.GetHosts()) {
				continue
			}
			if ruleRunsAt(spec, d.Protocol, d.Rule, gw, s, vs.Namespace) {
				out = append(out, RouteServer{Gateway: gw, Index: i, Server: s})
			}
		}
	}
	return out
}

// specGateways are the Istio Gateways in the files that spec.gateways
// names (the ones istiod binds the VirtualService to), each once.
func (g *Graph) specGateways(vs *Resource) []*Resource {
	var out []*Resource
	for _, e := range g.EdgesFrom(vs, EdgeGateway) {
		if len(e.To) != 1 || e.To[0].Gateway() == nil || !isSpecGatewayPath(e.Path) || slices.Contains(out, e.To[0]) {
			continue
		}
		out = append(out, e.To[0])
	}
	return out
}

func isSpecGatewayPath(p string) bool { return strings.HasPrefix(p, "spec.gateways[") }

func routingOf(protocol string) ServerRouting {
	switch protocol {
	case "http":
		return ServerHTTP
	case "tcp":
		return ServerTCP
	case "tls":
		return ServerPassthrough
	}
	return ServerUnknown
}

// ruleMatch is what decides whether a match of a rule applies at a
// gateway server.
type ruleMatch struct {
	port     uint32
	gateways []string
	// sourced: source labels or namespace, which Istio compares with the
	// gateway's pods when the match names no gateways.
	sourced bool
}

// ruleRunsAt reports whether rule i of the protocol runs at server s of
// gw. Istio takes the first tcp rule that matches a TCP server, so a tcp
// rule runs only if none before it matches; it stops building http routes
// after a rule without match, so no http rule after one runs.
func ruleRunsAt(vs *networking.VirtualService, protocol string, i int, gw *Resource, s *networking.Server, vsNS string) bool {
	if !matchesAt(ruleMatches(vs, protocol, i), gw, s, vsNS) {
		return false
	}
	for j := range i {
		switch {
		case protocol == "tcp" && len(vs.GetTcp()[j].GetRoute()) > 0 && matchesAt(ruleMatches(vs, protocol, j), gw, s, vsNS),
			protocol == "http" && len(vs.GetHttp()[j].GetMatch()) == 0:
			return false
		}
	}
	return true
}

// matchesAt reports whether a rule with these matches surely applies at
// server s of gw: no match at all, or one for that gateway and port. As
// in Istio, a match naming gateways ignores its source labels.
func matchesAt(ms []ruleMatch, gw *Resource, s *networking.Server, vsNS string) bool {
	if ms == nil {
		return true
	}
	return slices.ContainsFunc(ms, func(m ruleMatch) bool {
		if len(m.gateways) == 0 && m.sourced {
			return false
		}
		return L4MatchAppliesAt(m.port, m.gateways, gw, s, vsNS)
	})
}

// L4MatchAppliesAt reports whether a match with this port and these
// gateways (as a tcp or tls match writes them) applies at server s of
// gw, for a VirtualService in namespace vsNS: its port, if any, is the
// server's, and its gateways, if any, name gw.
func L4MatchAppliesAt(port uint32, gateways []string, gw *Resource, s *networking.Server, vsNS string) bool {
	if port != 0 && port != s.GetPort().GetNumber() {
		return false
	}
	return len(gateways) == 0 || slices.ContainsFunc(gateways, func(ref string) bool {
		ns, name := ResolveGatewayName(ref, vsNS)
		return ns == gw.Namespace && name == gw.Name
	})
}

// ruleMatches lists the matches of rule i of the protocol; nil when the
// rule has none.
func ruleMatches(vs *networking.VirtualService, protocol string, i int) []ruleMatch {
	var out []ruleMatch
	switch {
	case protocol == "http" && i < len(vs.GetHttp()):
		for _, m := range vs.GetHttp()[i].GetMatch() {
			out = append(out, ruleMatch{m.GetPort(), m.GetGateways(), len(m.GetSourceLabels()) > 0 || m.GetSourceNamespace() != ""})
		}
	case protocol == "tcp" && i < len(vs.GetTcp()):
		for _, m := range vs.GetTcp()[i].GetMatch() {
			out = append(out, ruleMatch{m.GetPort(), m.GetGateways(), false}) // gateways ignore source labels of l4 matches
		}
	case protocol == "tls" && i < len(vs.GetTls()):
		for _, m := range vs.GetTls()[i].GetMatch() {
			out = append(out, ruleMatch{m.GetPort(), m.GetGateways(), false})
		}
	}
	return out
}

// RoutePortCandidates are the ports of a Service or ServiceEntry that a
// rule of the protocol ("http", "tcp" or "tls") may mean to reach: for
// http, HTTP-family ports; for tcp and tls, TCP, TLS and HTTPS ones and the
// TCP protocols Istio knows. A port whose protocol Istio sniffs may carry
// either and counts for all; UDP ports never do.
func RoutePortCandidates(r *Resource, protocol string) []int {
	var out []int
	for _, p := range portProtocols(r) {
		fits := p.protocol == ""
		switch protocol {
		case "http":
			fits = fits || isHTTPProtocol(p.protocol)
		case "tcp", "tls":
			fits = fits || slices.Contains([]string{"tcp", "tls", "https", "mongo", "redis", "mysql"}, p.protocol)
		}
		if fits {
			out = addPort(out, p.number)
		}
	}
	return out
}
