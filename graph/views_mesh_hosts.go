package graph

import (
	"cmp"
	"maps"
	"slices"
)

// MeshHostClaim is one host that a VirtualService bound to the sidecars
// (gateway mesh) names.
type MeshHostClaim struct {
	VirtualService *Resource
	Index          int // of the host in spec.hosts
	scopes         []string
}

// MeshHostTier is a set of VirtualServices bound to the sidecars that
// claim one host with the same precedence where they are visible: a
// VirtualService is the rival of every other one in each tier it is in.
// One VirtualService may be in several tiers of a host (exported to
// several namespaces). Listing the tiers, not each claim's rivals, keeps
// thousands of VirtualServices for one host linear.
type MeshHostTier struct {
	Host   string          // FQDN
	Claims []MeshHostClaim // two or more, in input order
}

// MeshHostTiers lists, by FQDN, the tiers of the hosts that two
// VirtualServices bound to the sidecars claim with the same precedence
// (see tierKeys): sidecars do not merge VirtualServices (gateways do),
// so one of them is ignored. A wildcard counts only against the same
// wildcard: a sidecar keeps one virtual host per domain, while different
// patterns that overlap coexist and the most specific wins. Placeholders
// are left out: whether they overlap depends on what they become. The
// tiers come sorted by host.
func (g *Graph) MeshHostTiers() []MeshHostTier {
	byHost := g.meshHostClaims()
	var out []MeshHostTier
	for _, host := range slices.Sorted(maps.Keys(byHost)) {
		out = append(out, hostTiers(host, byHost[host])...)
	}
	return out
}

// meshHostClaims lists the claims of each FQDN, one per VirtualService.
func (g *Graph) meshHostClaims() map[string][]MeshHostClaim {
	byHost := map[string][]MeshHostClaim{}
	type claimKey struct {
		host string
		vs   Key
	}
	claimed := map[claimKey]bool{}
	for _, r := range g.OfKind(KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil || (len(vs.GetGateways()) > 0 && !slices.Contains(vs.GetGateways(), MeshGateway)) {
			continue
		}
		scopes := exportScopes(vs.GetExportTo(), r.Namespace)
		for i, h := range vs.GetHosts() {
			if h == "" || HasPlaceholder(h) {
				continue
			}
			fqdn := FQDN(h, r.Namespace, g.opts.ClusterDomain)
			// Copies of one object (the same key) are ML0003's, not a conflict.
			if k := (claimKey{fqdn, r.Key()}); !claimed[k] {
				claimed[k] = true
				byHost[fqdn] = append(byHost[fqdn], MeshHostClaim{VirtualService: r, Index: i, scopes: scopes})
			}
		}
	}
	return byHost
}

// tier is where a claim competes: public claims with each other, and the
// others in each namespace they are exported to, separately for those
// private to that namespace and those exported to it from another.
type tier struct {
	namespace string // ScopePublic for public claims
	own       bool   // the claim's own namespace
}

// tierKeys follow Istio's precedence: sidecars take the VirtualServices
// private to their namespace first, then those exported to it by name,
// then the public ones, and the first for a host wins: a VirtualService
// exported to some namespaces overrides a public one there (a consumer
// override), on purpose. Within one tier the order is the creation time,
// which the files do not tell. "~" is a namespace no one is in.
func tierKeys(c MeshHostClaim) []tier {
	if slices.Contains(c.scopes, ScopePublic) {
		return []tier{{namespace: ScopePublic}}
	}
	var out []tier
	for _, ns := range c.scopes {
		if !isNoOne(ns) {
			out = append(out, tier{ns, ns == c.VirtualService.Namespace})
		}
	}
	return out
}

// hostTiers groups the claims of one host by tier, keeping tiers of two
// or more, in a stable order.
func hostTiers(host string, claims []MeshHostClaim) []MeshHostTier {
	byTier := map[tier][]MeshHostClaim{}
	for _, c := range claims {
		for _, t := range tierKeys(c) {
			byTier[t] = append(byTier[t], c)
		}
	}
	var out []MeshHostTier
	for _, t := range slices.SortedFunc(maps.Keys(byTier), compareTiers) {
		if len(byTier[t]) > 1 {
			out = append(out, MeshHostTier{Host: host, Claims: byTier[t]})
		}
	}
	return out
}

func compareTiers(a, b tier) int {
	if c := cmp.Compare(a.namespace, b.namespace); c != 0 {
		return c
	}
	switch {
	case a.own == b.own:
		return 0
	case a.own:
		return -1
	}
	return 1
}

func isNoOne(scope string) bool { return scope == "~" }
