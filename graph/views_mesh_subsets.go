package graph

import "slices"

// MeshSubsetRouters maps a host FQDN to the VirtualServices that name it
// in spec.hosts, apply to the sidecars, and route it to subsets of
// itself (a version split). Gateways do not apply them: a gateway route
// to the host reaches every version. Wildcards and placeholders are left
// out.
func (g *Graph) MeshSubsetRouters() map[string][]*Resource {
	out := map[string][]*Resource{}
	for _, r := range g.OfKind(KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil || r.Implied != "" {
			continue
		}
		own := map[string]bool{}
		for _, h := range vs.GetHosts() {
			if h != "" && !IsWildcard(h) && !HasPlaceholder(h) {
				own[FQDN(h, r.Namespace, g.opts.ClusterDomain)] = true
			}
		}
		for _, d := range r.Destinations() {
			fqdn := FQDN(d.Host, r.Namespace, g.opts.ClusterDomain)
			if d.Protocol != "http" || d.Mirror || d.Subset == "" || !own[fqdn] || !slices.Contains(RouteGateways(vs, &d), MeshGateway) {
				continue
			}
			if !slices.Contains(out[fqdn], r) {
				out[fqdn] = append(out[fqdn], r)
			}
		}
	}
	return out
}
