package graph

import (
	"slices"
	"sort"

	networking "istio.io/api/networking/v1alpha3"
)

// subsetIndex maps a destination host (as Istio's analyzer keys it) to the
// DestinationRules for it and the subsets each defines.
type subsetIndex struct {
	exact     map[string][]*Resource
	wildcards []*Resource
	// gatewayNamespaces are the namespaces of the workloads each Istio
	// Gateway selects (the assumed default ingress included): where the
	// proxies that run a gateway's routes look DestinationRules up.
	gatewayNamespaces map[string][]string // by "namespace/name"
}

// subsetHostKey keys a host the way subsets are looked up: a Service FQDN is
// reduced to namespace/name; any other host (a ServiceEntry's) is its FQDN,
// the same from every namespace: istiod applies a DestinationRule for
// api.example.com in the ServiceEntry's (or the root) namespace to proxies
// of other namespaces too, where it is exported (checked in edge).
// istioctl's analyzer keys such hosts by namespace, and so reports subsets
// that resolve. Not modelled, for either kind of host: istiod consults
// only the proxy's, the host's and the root namespace, the first that has
// a rule for the host; a rule elsewhere counts here too (says less).
func subsetHostKey(host, ns, domain string) string {
	fqdn := FQDN(host, ns, domain)
	if name, svcNS, ok := SplitServiceFQDN(fqdn, domain); ok {
		return svcNS + "/" + name
	}
	return fqdn
}

func buildSubsetIndex(g *Graph, workloads *workloadIndex) subsetIndex {
	ix := subsetIndex{exact: map[string][]*Resource{}, gatewayNamespaces: gatewayNamespaces(g, workloads)}
	for _, r := range g.OfKind(KindDestinationRule) {
		dr := r.DestinationRule()
		if dr == nil || r.ShadowedBy != nil {
			continue
		}
		if IsWildcard(dr.GetHost()) {
			ix.wildcards = append(ix.wildcards, r)
			continue
		}
		k := subsetHostKey(dr.GetHost(), r.Namespace, g.opts.ClusterDomain)
		ix.exact[k] = append(ix.exact[k], r)
	}
	return ix
}

// rulesFor returns the DestinationRules that apply to a destination host
// written in namespace ns: exact keys, then wildcard hosts that cover it.
// As in Istio, only the most specific host of a namespace applies: an exact
// host shadows the wildcards of its namespace, a longer wildcard a shorter one.
func (ix subsetIndex) rulesFor(host, ns, domain string) []*Resource {
	rules := append([]*Resource(nil), ix.exact[subsetHostKey(host, ns, domain)]...)
	hasExact := map[string]bool{}
	for _, r := range rules {
		hasExact[r.Namespace] = true
	}
	fqdn := FQDN(host, ns, domain)
	best := map[string]string{} // namespace → its most specific matching wildcard
	for _, r := range ix.wildcards {
		h := r.DestinationRule().GetHost()
		if !hasExact[r.Namespace] && HostsMatch(h, fqdn) && len(h) > len(best[r.Namespace]) {
			best[r.Namespace] = h
		}
	}
	for _, r := range ix.wildcards {
		if r.DestinationRule().GetHost() == best[r.Namespace] {
			rules = append(rules, r)
		}
	}
	return rules
}

func (ix subsetIndex) edge(g *Graph, vs *Resource, d *Destination) *Edge {
	e := &Edge{Kind: EdgeRouteSubset, From: vs, Path: d.Path + ".subset", Ref: d.Subset,
		Target: FQDN(d.Host, vs.Namespace, g.opts.ClusterDomain) + "/" + d.Subset, Destination: d}
	proxies := ix.proxyNamespaces(vs, d)
	for _, r := range ix.rulesFor(d.Host, vs.Namespace, g.opts.ClusterDomain) {
		hiddenFrom := ""
		for _, ns := range proxies {
			if !destinationRuleVisible(r, ns, g.opts.Mesh) {
				hiddenFrom = ns
				break
			}
		}
		switch {
		case DefinesSubset(r, d.Subset) && hiddenFrom == "":
			e.To = append(e.To, r)
		case DefinesSubset(r, d.Subset):
			e.Candidates = append(e.Candidates, r)
			if e.NotExportedTo == "" {
				e.NotExportedTo = hiddenFrom
			}
		default:
			e.Candidates = append(e.Candidates, r)
		}
	}
	return e
}

// proxyNamespaces are the namespaces of the proxies that run the route of
// d, where the DestinationRule defining its subset must be visible: for the
// mesh, the namespaces the VirtualService is exported to (its own when it
// is exported everywhere); for a gateway, those of its workloads. A gateway
// whose workloads are unknown adds none: the check says less.
func (ix subsetIndex) proxyNamespaces(vs *Resource, d *Destination) []string {
	var out []string
	for _, gw := range routeGateways(vs.VirtualService(), d) {
		if gw == "mesh" {
			scopes := LookupScopes(vs.Namespace, vs.VirtualService().GetExportTo())
			if len(scopes) == 0 {
				scopes = []string{vs.Namespace}
			}
			out = append(out, scopes...)
			continue
		}
		ns, name := ResolveGatewayName(gw, vs.Namespace)
		out = append(out, ix.gatewayNamespaces[ns+"/"+name]...)
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// routeGateways are the gateways the rule of d applies to: those its
// matches name, else the VirtualService's, else the mesh.
func routeGateways(vs *networking.VirtualService, d *Destination) []string {
	all := vs.GetGateways()
	if len(all) == 0 {
		all = []string{"mesh"}
	}
	matchGateways := ruleMatchGateways(vs, d)
	if len(matchGateways) == 0 {
		return all
	}
	var out []string
	for _, gws := range matchGateways {
		if len(gws) == 0 {
			gws = all
		}
		out = append(out, gws...)
	}
	return out
}

// ruleMatchGateways lists the gateways of each match of d's rule.
func ruleMatchGateways(vs *networking.VirtualService, d *Destination) [][]string {
	var out [][]string
	switch {
	case d.Protocol == "http" && d.Rule < len(vs.GetHttp()):
		for _, m := range vs.GetHttp()[d.Rule].GetMatch() {
			out = append(out, m.GetGateways())
		}
	case d.Protocol == "tcp" && d.Rule < len(vs.GetTcp()):
		for _, m := range vs.GetTcp()[d.Rule].GetMatch() {
			out = append(out, m.GetGateways())
		}
	case d.Protocol == "tls" && d.Rule < len(vs.GetTls()):
		for _, m := range vs.GetTls()[d.Rule].GetMatch() {
			out = append(out, m.GetGateways())
		}
	}
	return out
}

// gatewayNamespaces maps each Istio Gateway ("namespace/name") to the
// sorted namespaces of the workloads its selector matches, in any namespace.
func gatewayNamespaces(g *Graph, workloads *workloadIndex) map[string][]string {
	out := map[string][]string{}
	for _, r := range g.OfKind(KindGateway) {
		gw := r.Gateway()
		if gw == nil {
			continue
		}
		var namespaces []string
		for _, w := range workloads.match(gw.GetSelector(), "", true) {
			namespaces = append(namespaces, w.Namespace)
		}
		sort.Strings(namespaces)
		out[r.Namespace+"/"+r.Name] = slices.Compact(namespaces)
	}
	return out
}

// destinationRuleVisible reports whether proxies in namespace ns see a
// DestinationRule, as istiod decides: a rule with a workloadSelector is
// private to its namespace; in its own namespace a rule is seen unless its
// exportTo leaves that namespace out; elsewhere it must be exported there
// or everywhere. Without exportTo, the mesh's defaultDestinationRuleExportTo
// counts only for "." (private), as in istiod.
func destinationRuleVisible(r *Resource, ns string, mesh MeshConfig) bool {
	dr := r.DestinationRule()
	exportTo := dr.GetExportTo()
	if dr.GetWorkloadSelector() != nil {
		exportTo = []string{"."}
	}
	if len(exportTo) == 0 {
		private := mesh.DefaultDestinationRuleExportTo != nil && slices.Contains(*mesh.DefaultDestinationRuleExportTo, ".")
		return !private || ns == r.Namespace
	}
	if ns == r.Namespace && (slices.Contains(exportTo, ".") || slices.Contains(exportTo, r.Namespace)) {
		return true
	}
	return slices.Contains(exportTo, ScopePublic) || slices.Contains(exportTo, ns)
}

// DefinesSubset reports whether a DestinationRule defines the named subset.
func DefinesSubset(dr *Resource, subset string) bool {
	for _, s := range dr.DestinationRule().GetSubsets() {
		if s.GetName() == subset {
			return true
		}
	}
	return false
}

// SubsetNames lists the subsets a DestinationRule defines.
func SubsetNames(dr *Resource) []string {
	var names []string
	for _, s := range dr.DestinationRule().GetSubsets() {
		names = append(names, s.GetName())
	}
	return names
}

// RouteGateways are the gateways ("mesh" for the sidecars) that the rule
// holding destination d applies to.
func RouteGateways(vs *networking.VirtualService, d *Destination) []string {
	return routeGateways(vs, d)
}
