package graph

// subsetIndex maps a destination host (as Istio's analyzer keys it) to the
// DestinationRules for it and the subsets each defines.
type subsetIndex struct {
	exact     map[string][]*Resource
	wildcards []*Resource
}

// subsetHostKey keys a host the way subsets are looked up: a Service FQDN is
// reduced to namespace/name; any other host is relative to the namespace of
// the resource that wrote it (DestinationRule exportTo is not consulted).
func subsetHostKey(host, ns, domain string) string {
	fqdn := FQDN(host, ns, domain)
	if name, svcNS, ok := SplitServiceFQDN(fqdn, domain); ok {
		return svcNS + "/" + name
	}
	return ns + "/" + fqdn
}

func buildSubsetIndex(g *Graph) subsetIndex {
	ix := subsetIndex{exact: map[string][]*Resource{}}
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
	for _, r := range ix.rulesFor(d.Host, vs.Namespace, g.opts.ClusterDomain) {
		if DefinesSubset(r, d.Subset) {
			e.To = append(e.To, r)
		} else {
			e.Candidates = append(e.Candidates, r)
		}
	}
	return e
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
