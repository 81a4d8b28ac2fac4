package graph

import (
	"strings"
	"sync"

	networking "istio.io/api/networking/v1alpha3"
)

// serverHostIndex holds the hosts of every Gateway server, and of all the
// servers of each Gateway, by the namespace whose VirtualServices may bind
// to them (ScopePublic for all), built on first use: comparing each bound
// VirtualService with every server host is quadratic for a Gateway with
// thousands of hosts, in one server or in as many.
type serverHostIndex struct {
	once     sync.Once
	servers  map[*networking.Server]scopedHosts
	gateways map[*Resource]scopedHosts
}

// scopedHosts are hosts by the namespace that sees them.
type scopedHosts map[string]*HostSet

func (sh scopedHosts) add(ns, host string) {
	if sh[ns] == nil {
		sh[ns] = NewHostSet()
	}
	sh[ns].Add(host)
}

// serve reports whether one of the hosts of a VirtualService in namespace
// vsNS, as written or expanded there, is among them.
func (sh scopedHosts) serve(vsNS string, vsHosts []string, domain string) bool {
	public, own := sh[ScopePublic], sh[vsNS]
	match := func(h string) bool {
		return (public != nil && public.Match(h)) || (own != nil && own.Match(h))
	}
	for _, h := range vsHosts {
		if match(h) || match(FQDN(h, vsNS, domain)) {
			return true
		}
	}
	return false
}

func (g *Graph) serverHostIndex() *serverHostIndex {
	ix := &g.serverHosts
	ix.once.Do(func() {
		ix.servers, ix.gateways = map[*networking.Server]scopedHosts{}, map[*Resource]scopedHosts{}
		for _, gw := range g.All() {
			if gw.Gateway() != nil {
				ix.gateways[gw] = scopedHosts{}
			}
			for _, s := range gw.Gateway().GetServers() {
				ix.servers[s] = scopedHosts{}
				for _, entry := range s.GetHosts() {
					ns, host := SplitServerHost(gw, entry)
					ix.servers[s].add(ns, host)
					ix.gateways[gw].add(ns, host)
				}
			}
		}
	})
	return ix
}

// ServerServes reports whether a Gateway server serves one of the hosts
// of a VirtualService in namespace vsNS: HostsServed(ServerHosts(gw, s,
// vsNS), vsHosts, vsNS, domain), looked up in an index.
func (g *Graph) ServerServes(gw *Resource, s *networking.Server, vsNS string, vsHosts []string) bool {
	if sets, ok := g.serverHostIndex().servers[s]; ok {
		return sets.serve(vsNS, vsHosts, g.opts.ClusterDomain)
	}
	return HostsServed(ServerHosts(gw, s, vsNS), vsHosts, vsNS, g.opts.ClusterDomain) // not a server of the graph's Gateways
}

// GatewayServes reports whether a server of an Istio Gateway serves one of
// the hosts of a VirtualService in namespace vsNS.
func (g *Graph) GatewayServes(gw *Resource, vsNS string, vsHosts []string) bool {
	if sets, ok := g.serverHostIndex().gateways[gw]; ok {
		return sets.serve(vsNS, vsHosts, g.opts.ClusterDomain)
	}
	for _, s := range gw.Gateway().GetServers() {
		if g.ServerServes(gw, s, vsNS, vsHosts) {
			return true
		}
	}
	return false
}

// SplitServerHost splits an entry of a Gateway server's hosts into the
// namespace whose VirtualServices may bind to it (ScopePublic for any:
// unscoped or `*/`; `./` is the Gateway's) and the host.
func SplitServerHost(gw *Resource, entry string) (ns, host string) {
	ns, host, scoped := strings.Cut(entry, "/")
	if !scoped {
		return ScopePublic, entry
	}
	if ns == "." {
		ns = gw.Namespace
	}
	return ns, host
}
