package graph

import (
	"strings"
	"sync"

	networking "istio.io/api/networking/v1alpha3"
)

// serverHostIndex holds the hosts of every Gateway server by the
// namespace whose VirtualServices may bind to them (ScopePublic for all),
// built on first use: comparing each bound VirtualService with every
// server host is quadratic for a Gateway with thousands of hosts.
type serverHostIndex struct {
	once    sync.Once
	servers map[*networking.Server]map[string]*HostSet
}

func (g *Graph) serverHostIndex() *serverHostIndex {
	ix := &g.serverHosts
	ix.once.Do(func() {
		ix.servers = map[*networking.Server]map[string]*HostSet{}
		for _, gw := range g.All() {
			for _, s := range gw.Gateway().GetServers() {
				ix.servers[s] = serverHostSets(gw, s)
			}
		}
	})
	return ix
}

func serverHostSets(gw *Resource, s *networking.Server) map[string]*HostSet {
	sets := map[string]*HostSet{}
	for _, entry := range s.GetHosts() {
		ns, host := SplitServerHost(gw, entry)
		if sets[ns] == nil {
			sets[ns] = NewHostSet()
		}
		sets[ns].Add(host)
	}
	return sets
}

// ServerServes reports whether a Gateway server serves one of the hosts
// of a VirtualService in namespace vsNS: HostsServed(ServerHosts(gw, s,
// vsNS), vsHosts, vsNS, domain), looked up in an index.
func (g *Graph) ServerServes(gw *Resource, s *networking.Server, vsNS string, vsHosts []string) bool {
	sets, ok := g.serverHostIndex().servers[s]
	if !ok {
		sets = serverHostSets(gw, s) // not a server of the graph's Gateways
	}
	public, own := sets[ScopePublic], sets[vsNS]
	match := func(h string) bool {
		return (public != nil && public.Match(h)) || (own != nil && own.Match(h))
	}
	for _, h := range vsHosts {
		if match(h) || match(FQDN(h, vsNS, g.opts.ClusterDomain)) {
			return true
		}
	}
	return false
}

// GatewayServes reports whether a server of an Istio Gateway serves one of
// the hosts of a VirtualService in namespace vsNS.
func (g *Graph) GatewayServes(gw *Resource, vsNS string, vsHosts []string) bool {
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
