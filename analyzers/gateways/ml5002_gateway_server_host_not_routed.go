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
	missed := missedReferences(p.Graph)
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		if r.Implied != "" || r.ShadowedBy != nil || r.Gateway() == nil {
			continue
		}
		bound, judgeable := boundVirtualServices(p.Graph, r)
		if !judgeable || missedReference(missed, r) {
			continue
		}
		missing := unroutedHosts(r, newBoundHosts(p.Graph, bound))
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
	seen := map[*graph.Resource]bool{}
	for _, e := range g.EdgesTo(gw, graph.EdgeGateway) {
		vs := e.From.VirtualService()
		if vs == nil || len(vs.GetHosts()) == 0 || seen[e.From] {
			continue
		}
		if slices.ContainsFunc(vs.GetHosts(), graph.HasPlaceholder) || !g.GatewayServes(gw, e.From.Namespace, vs.GetHosts()) {
			return nil, false
		}
		seen[e.From] = true
		bound = append(bound, e.From)
	}
	return bound, true
}

// missed are the namespaces and names of the Gateways that
// VirtualServices name and that are not found (ML1101).
type missed struct{ namespaces, names map[string]bool }

// missedReferences collects them once: each Gateway is checked against
// them.
func missedReferences(g *graph.Graph) missed {
	m := missed{map[string]bool{}, map[string]bool{}}
	for _, e := range g.Edges(graph.EdgeGateway) {
		if !e.Resolved() {
			ns, name, _ := strings.Cut(e.Target, "/")
			m.namespaces[ns], m.names[name] = true, true
		}
	}
	return m
}

// missedReference reports whether a VirtualService names a Gateway that
// is not found in gw's namespace or by gw's name: likely gw misspelled
// or in the wrong namespace, and its hosts unrouted by that same mistake.
func missedReference(m missed, gw *graph.Resource) bool {
	return m.namespaces[gw.Namespace] || m.names[gw.Name]
}

// boundHosts are the hosts of the VirtualServices bound to a Gateway, as
// written and expanded in their namespace, by namespace and all together:
// a server host entry is looked up instead of compared with each of them.
type boundHosts struct {
	all  *graph.HostSet
	byNS map[string]*graph.HostSet
}

func newBoundHosts(g *graph.Graph, bound []*graph.Resource) boundHosts {
	b := boundHosts{graph.NewHostSet(), map[string]*graph.HostSet{}}
	for _, vs := range bound {
		ns := b.byNS[vs.Namespace]
		if ns == nil {
			ns = graph.NewHostSet()
			b.byNS[vs.Namespace] = ns
		}
		for _, h := range vs.VirtualService().GetHosts() {
			for _, h := range []string{h, graph.FQDN(h, vs.Namespace, g.Options().ClusterDomain)} {
				b.all.Add(h)
				ns.Add(h)
			}
		}
	}
	return b
}

// unroutedHosts lists the host entries of gw's servers that route by
// host (HTTP, TLS passed through) and that no bound VirtualService
// serves, and the first host of TCP servers none of whose hosts is served:
// a TCP server picks its VirtualService by host but routes every
// connection the same.
func unroutedHosts(gw *graph.Resource, bound boundHosts) []unrouted {
	var out []unrouted
	for i, s := range gw.Gateway().GetServers() {
		switch graph.GatewayServerRouting(s) {
		case graph.ServerHTTP:
			if s.GetTls().GetHttpsRedirect() && !graph.IsTLSServer(s) {
				continue // answers every request with a redirect, no VirtualService needed
			}
		case graph.ServerPassthrough:
		case graph.ServerTCP:
			if len(s.GetHosts()) > 0 && !slices.ContainsFunc(s.GetHosts(), func(h string) bool { return hostServed(gw, h, bound) }) {
				out = append(out, unrouted{i, 0})
			}
			continue
		default:
			continue
		}
		for j, h := range s.GetHosts() {
			if !hostServed(gw, h, bound) {
				out = append(out, unrouted{i, j})
			}
		}
	}
	return out
}

// hostServed reports whether a bound VirtualService to which the server
// host entry is visible serves it, as graph.HostsServed compares hosts.
// Templated and invalid entries count as served.
func hostServed(gw *graph.Resource, entry string, bound boundHosts) bool {
	if graph.HasPlaceholder(entry) || istiovalid.NamespacedHostProblem(entry, true) != "" {
		return true // not what is applied, or rejected: ML0206
	}
	ns, host := graph.SplitServerHost(gw, entry)
	if ns == graph.ScopePublic {
		return bound.all.Match(host)
	}
	return bound.byNS[ns] != nil && bound.byNS[ns].Match(host)
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
