package graph

import "slices"

// MeshHostClaim is one host that a VirtualService bound to the sidecars
// (gateway mesh) names.
type MeshHostClaim struct {
	VirtualService *Resource
	Index          int // of the host in spec.hosts
	// Rivals are the other VirtualServices that claim the host with the
	// same precedence.
	Rivals    []*Resource
	scopes    []string
	namespace string
}

// MeshHostClaims groups, by FQDN, the hosts that VirtualServices bound to
// the sidecars name, keeping only hosts that two of them claim where both
// are visible with the same precedence (sameTier): sidecars do not merge VirtualServices (gateways do), so
// one of them is ignored. A wildcard counts only against the same
// wildcard: a sidecar keeps one virtual host per domain, while different
// patterns that overlap coexist and the most specific wins. Placeholders
// are left out: whether they overlap depends on what they become.
func (g *Graph) MeshHostClaims() map[string][]MeshHostClaim {
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
				byHost[fqdn] = append(byHost[fqdn], MeshHostClaim{VirtualService: r, Index: i, scopes: scopes, namespace: r.Namespace})
			}
		}
	}
	out := map[string][]MeshHostClaim{}
	for host, claims := range byHost {
		var shared []MeshHostClaim
		for i, c := range claims {
			for j, o := range claims {
				if i != j && sameTier(c, o) {
					c.Rivals = append(c.Rivals, o.VirtualService)
				}
			}
			if len(c.Rivals) > 0 {
				shared = append(shared, c)
			}
		}
		if len(shared) > 1 {
			out[host] = shared
		}
	}
	return out
}

// sameTier reports whether some namespace sees both VirtualServices with
// the same precedence. Sidecars take the VirtualServices private to their
// namespace first, then those exported to it by name, then the public
// ones, and the first for a host wins: a VirtualService exported to some
// namespaces overrides a public one there (a consumer override), on
// purpose. Within one tier the order is the creation time, which the files
// do not tell.
func sameTier(a, b MeshHostClaim) bool {
	if slices.Contains(a.scopes, ScopePublic) || slices.Contains(b.scopes, ScopePublic) {
		return slices.Contains(a.scopes, ScopePublic) && slices.Contains(b.scopes, ScopePublic)
	}
	return slices.ContainsFunc(a.scopes, func(ns string) bool {
		return !isNoOne(ns) && slices.Contains(b.scopes, ns) && (ns == a.namespace) == (ns == b.namespace)
	})
}

func isNoOne(scope string) bool { return scope == "~" }
