package graph

import (
	"slices"
	"sync"

	networking "istio.io/api/networking/v1alpha3"
)

// clientDRIndex holds the DestinationRules a client proxy may pick, by
// namespace: decoded, not shadowed by a later copy, and without a
// workloadSelector (those apply to the proxies they select only).
type clientDRIndex struct {
	once sync.Once
	byNS map[string][]*Resource
}

func (g *Graph) clientDRsOf(ns string) []*Resource {
	g.clientDRs.once.Do(func() {
		g.clientDRs.byNS = map[string][]*Resource{}
		for _, r := range g.OfKind(KindDestinationRule) {
			dr := r.DestinationRule()
			if dr == nil || r.ShadowedBy != nil || dr.GetWorkloadSelector() != nil || HasPlaceholder(dr.GetHost()) {
				continue
			}
			g.clientDRs.byNS[r.Namespace] = append(g.clientDRs.byNS[r.Namespace], r)
		}
	})
	return g.clientDRs.byNS[ns]
}

// ClientDestinationRules are the DestinationRules whose policy a sidecar
// in namespace clientNS applies to traffic for host (an FQDN), in istiod's
// order: the client's namespace (for a client in the root namespace, only
// the root's private rules), then the namespace of the Service the host
// names, then the root namespace, the first that has a rule visible to
// the client. Within a namespace only the most specific host counts:
// the exact host, else the longest wildcard that covers it. Several
// rules are returned when one namespace holds several for that host
// (istiod merges them).
func (g *Graph) ClientDestinationRules(host, clientNS string) []*Resource {
	namespaces := []string{clientNS}
	if _, svcNS, ok := SplitServiceFQDN(host, g.opts.ClusterDomain); ok {
		namespaces = append(namespaces, svcNS)
	}
	namespaces = append(namespaces, g.opts.Mesh.RootNamespace)
	root := clientNS == g.opts.Mesh.RootNamespace
	for i, ns := range namespaces {
		var visible []*Resource
		for _, r := range g.clientDRsOf(ns) {
			// A root namespace proxy looks at the root's private rules
			// first; its public ones come last, as for everyone.
			if root && i == 0 && !destinationRulePrivate(r, g.opts.Mesh) {
				continue
			}
			if destinationRuleVisible(r, clientNS, g.opts.Mesh) {
				visible = append(visible, r)
			}
		}
		if rs := g.mostSpecificRules(visible, host); len(rs) > 0 {
			return rs
		}
	}
	return nil
}

// destinationRulePrivate reports whether a rule is seen in its own
// namespace only, by its exportTo or the mesh default.
func destinationRulePrivate(r *Resource, mesh MeshConfig) bool {
	exportTo := r.DestinationRule().GetExportTo()
	if len(exportTo) == 0 {
		return mesh.DefaultDestinationRuleExportTo != nil && slices.Contains(*mesh.DefaultDestinationRuleExportTo, ".")
	}
	return len(exportTo) == 1 && (exportTo[0] == "." || exportTo[0] == r.Namespace)
}

// mostSpecificRules picks among rules of one namespace those for host:
// the exact host, else the longest wildcard that covers it.
func (g *Graph) mostSpecificRules(rules []*Resource, host string) []*Resource {
	var exact, wild []*Resource
	best := ""
	for _, r := range rules {
		h := FQDN(r.DestinationRule().GetHost(), r.Namespace, g.opts.ClusterDomain)
		switch {
		case h == host:
			exact = append(exact, r)
		case IsWildcard(h) && HostsMatch(h, host) && len(h) >= len(best):
			if len(h) > len(best) {
				best, wild = h, nil
			}
			wild = append(wild, r)
		}
	}
	if len(exact) > 0 {
		return exact
	}
	return wild
}

// ClientTLS is the TLS a client sidecar originates toward one port of a
// host, as DestinationRules set it.
type ClientTLS struct {
	// Mode is the ClientTLSSettings mode ("ISTIO_MUTUAL", "DISABLE", ...),
	// "" when no rule sets one (Istio's automatic mTLS decides).
	Mode string
	// Rule and Path are the DestinationRule and field that set Mode.
	Rule *Resource
	Path string
}

// PortClientTLS is the TLS rules (from ClientDestinationRules) set for a
// Service port: the port's portLevelSettings, else the rule's own
// trafficPolicy. decided is false when the files cannot tell: merged rules
// that disagree, or a subset that sets its own TLS (routes to it use that).
func PortClientTLS(rules []*Resource, port int) (tls ClientTLS, decided bool) {
	seen := false
	for _, r := range rules {
		tp := r.DestinationRule().GetTrafficPolicy()
		for _, s := range r.DestinationRule().GetSubsets() {
			if _, setsTLS := trafficPolicyTLS(s.GetTrafficPolicy(), port); setsTLS {
				return ClientTLS{}, false
			}
		}
		if tp == nil {
			continue
		}
		t, _ := trafficPolicyTLS(tp, port)
		t.Rule = r
		if seen && t.Mode != tls.Mode {
			return ClientTLS{}, false
		}
		tls, seen = t, true
	}
	if tls.Mode == "" {
		tls = ClientTLS{}
	}
	return tls, true
}

// trafficPolicyTLS is the TLS tp sets for port, with its field path
// relative to spec.trafficPolicy.
func trafficPolicyTLS(tp *networking.TrafficPolicy, port int) (ClientTLS, bool) {
	for i, pls := range tp.GetPortLevelSettings() {
		if int(pls.GetPort().GetNumber()) == port && pls.GetTls() != nil {
			return ClientTLS{Mode: pls.GetTls().GetMode().String(),
				Path: IndexPath("spec.trafficPolicy.portLevelSettings", i) + ".tls.mode"}, true
		}
	}
	if tls := tp.GetTls(); tls != nil {
		return ClientTLS{Mode: tls.GetMode().String(), Path: "spec.trafficPolicy.tls.mode"}, true
	}
	return ClientTLS{}, false
}
