package graph

import (
	"slices"
	"strconv"
	"strings"
)

// HostEntry is a host some Service or ServiceEntry makes reachable, with
// the scope it is visible from.
type HostEntry struct {
	Host     string // FQDN (or wildcard) as Istio keys it
	Scope    string // a namespace, or ScopePublic
	Resource *Resource
	Path     string // field path of the host in Resource
	Ports    []int
}

// hostIndex answers "which Service or ServiceEntry serves this host, seen
// from that namespace" without scanning: an exact map plus the few wildcards.
type hostIndex struct {
	exact     map[string][]*HostEntry // scope + "/" + host
	wildcards []*HostEntry
}

func hostKey(scope, host string) string { return scope + "/" + host }

func (ix *hostIndex) add(e *HostEntry) {
	if IsWildcard(e.Host) {
		ix.wildcards = append(ix.wildcards, e)
		return
	}
	k := hostKey(e.Scope, e.Host)
	ix.exact[k] = append(ix.exact[k], e)
}

func buildHostIndex(resources []*Resource, domain string) *hostIndex {
	ix := &hostIndex{exact: map[string][]*HostEntry{}}
	for _, r := range resources {
		switch {
		case r.Is(KindService) && r.Service != nil:
			ports := make([]int, 0, len(r.Service.Ports))
			for _, p := range r.Service.Ports {
				ports = append(ports, p.Port)
			}
			host := r.Name + "." + r.Namespace + ".svc." + domain
			for _, scope := range exportScopes(serviceExportTo(r), r.Namespace) {
				ix.add(&HostEntry{Host: host, Scope: scope, Resource: r, Path: "metadata.name", Ports: ports})
			}
		case r.Is(KindServiceEntry):
			se := r.ServiceEntry()
			if se == nil {
				continue
			}
			ports := make([]int, 0, len(se.GetPorts()))
			for _, p := range se.GetPorts() {
				ports = append(ports, int(p.GetNumber()))
			}
			for i, h := range se.GetHosts() {
				host := FQDN(h, r.Namespace, domain)
				for _, scope := range exportScopes(se.GetExportTo(), r.Namespace) {
					ix.add(&HostEntry{Host: host, Scope: scope, Resource: r, Path: IndexPath("spec.hosts", i), Ports: ports})
				}
			}
		}
	}
	return ix
}

// ResolveHost finds the Services and ServiceEntries that serve host for a
// resource in namespace ns exported to exportTo, following Istio: public
// entries first, then entries private to the scopes the referrer is visible
// in, then wildcard ServiceEntry hosts.
func (g *Graph) ResolveHost(host, ns string, exportTo []string) []*HostEntry {
	if host == "" {
		return nil
	}
	fqdn := FQDN(host, ns, g.opts.ClusterDomain)
	var found []*HostEntry
	found = append(found, g.hosts.exact[hostKey(ScopePublic, fqdn)]...)
	for _, s := range LookupScopes(ns, exportTo) {
		found = append(found, g.hosts.exact[hostKey(s, fqdn)]...)
	}
	if len(found) > 0 {
		return found
	}
	bare := strings.TrimPrefix(fqdn, "*")
	for _, e := range g.hosts.wildcards {
		if (e.Scope == ScopePublic || e.Scope == ns) && strings.HasSuffix(bare, e.Host[1:]) {
			found = append(found, e)
		}
	}
	return found
}

// LookupScopes are the namespaces whose private hosts a resource in
// namespace ns exported to exportTo sees, besides public ones: its own
// namespace when exportTo is empty, else the namespaces exportTo names
// ("." being ns). So a VirtualService exported elsewhere only does not see
// hosts private to its own namespace, as in Istio.
func LookupScopes(ns string, exportTo []string) []string {
	if len(exportTo) == 0 {
		return []string{ns}
	}
	var scopes []string
	for _, e := range exportTo {
		if e == "." {
			e = ns
		}
		if e != ScopePublic && !slices.Contains(scopes, e) { // "." and ns are one scope
			scopes = append(scopes, e)
		}
	}
	return scopes
}

// ServiceExportScopes are the scopes a Service's host is visible in (its
// networking.istio.io/exportTo annotation): ScopePublic, or namespaces.
func ServiceExportScopes(svc *Resource) []string {
	return exportScopes(serviceExportTo(svc), svc.Namespace)
}

// ServiceHint explains a host that names a Service in a form Istio does not
// expand (`reviews.bookinfo`): it returns the FQDN the user likely meant, or "".
func (g *Graph) ServiceHint(host string) string {
	parts := strings.Split(host, ".")
	if len(parts) < 2 || len(parts) > 3 || (len(parts) == 3 && parts[2] != "svc") {
		return ""
	}
	if g.Get(Key{KindService, parts[1], parts[0]}) == nil {
		return ""
	}
	return parts[0] + "." + parts[1] + ".svc." + g.opts.ClusterDomain
}

// PortList renders ports for messages: "80, 9080".
func PortList(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ", ")
}
