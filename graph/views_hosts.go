package graph

import "slices"

// HostsOf returns the hosts a resource names, normalised as Istio keys
// them (short names made FQDNs relative to its namespace): what a Service
// or ServiceEntry provides, what a VirtualService routes for, what a
// DestinationRule applies to. Other kinds name no host: nil.
func (g *Graph) HostsOf(r *Resource) []string {
	domain := g.opts.ClusterDomain
	var hosts []string
	switch {
	case r.Is(KindService):
		hosts = []string{r.Name + "." + r.Namespace + ".svc." + domain}
	case r.Is(KindServiceEntry):
		for _, h := range r.ServiceEntry().GetHosts() {
			hosts = append(hosts, FQDN(h, r.Namespace, domain))
		}
	case r.Is(KindVirtualService):
		for _, h := range r.VirtualService().GetHosts() {
			hosts = append(hosts, FQDN(h, r.Namespace, domain))
		}
	case r.Is(KindDestinationRule):
		if h := r.DestinationRule().GetHost(); h != "" {
			hosts = []string{FQDN(h, r.Namespace, domain)}
		}
	}
	return slices.Compact(hosts)
}
