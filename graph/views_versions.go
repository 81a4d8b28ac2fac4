package graph

import (
	"slices"
	"sync"
)

// revisionLabels are the labels Istio reads a workload's version from
// (its canonical revision), in the order it reads them.
var revisionLabels = []string{"service.istio.io/canonical-revision", "app.kubernetes.io/version", "version"}

// WorkloadVersion is the version a workload's labels give it, as Istio
// reads its canonical revision, and "" when none is set.
func WorkloadVersion(labels map[string]string) string {
	for _, l := range revisionLabels {
		if v := labels[l]; v != "" {
			return v
		}
	}
	return ""
}

// ServiceVersions lists, sorted, the versions of the workloads in the files
// that a Service selects (implied workloads are left out).
func (g *Graph) ServiceVersions(svc *Resource) []string {
	var out []string
	for _, e := range g.EdgesFrom(svc, EdgeServiceWorkload) {
		for _, w := range e.Workloads {
			if v := WorkloadVersion(w.Labels); v != "" && !w.Implied() && !slices.Contains(out, v) {
				out = append(out, v)
			}
		}
	}
	slices.Sort(out)
	return out
}

// routedHostIndex holds the hosts the VirtualServices of the files name,
// built on first use: exact FQDNs in a set, wildcards in a list (few), and
// whether some hosts cannot be read (a template placeholder).
type routedHostIndex struct {
	once      sync.Once
	exact     map[string]bool
	wildcards []string
	unknown   bool
}

func (g *Graph) routedHosts() *routedHostIndex {
	ix := &g.routed
	ix.once.Do(func() {
		ix.exact = map[string]bool{}
		for _, r := range g.OfKind(KindVirtualService) {
			vs := r.VirtualService()
			if vs == nil {
				ix.unknown = true
				continue
			}
			for _, h := range vs.GetHosts() {
				switch fqdn := FQDN(h, r.Namespace, g.opts.ClusterDomain); {
				case HasPlaceholder(h):
					ix.unknown = true
				case IsWildcard(fqdn):
					ix.wildcards = append(ix.wildcards, fqdn)
				default:
					ix.exact[fqdn] = true
				}
			}
		}
	})
	return ix
}

// HostRouted reports whether a VirtualService in the files names a host
// (an FQDN) in its hosts, and known false when some VirtualService's hosts
// cannot be read (a template placeholder), so nobody can tell.
func (g *Graph) HostRouted(fqdn string) (routed, known bool) {
	ix := g.routedHosts()
	if ix.exact[fqdn] || slices.ContainsFunc(ix.wildcards, func(w string) bool { return HostsMatch(w, fqdn) }) {
		return true, true
	}
	if IsWildcard(fqdn) {
		for h := range ix.exact {
			if HostsMatch(h, fqdn) {
				return true, true
			}
		}
	}
	return false, !ix.unknown
}
