package graph

import (
	"slices"
	"strconv"
	"strings"
)

// AllocatedAddress is an address Istio allocated to a ServiceEntry host
// and wrote to its status (manifests exported from a cluster carry it).
type AllocatedAddress struct {
	Host  string
	Value string
}

// StatusAddresses lists a ServiceEntry's status.addresses, one per entry
// written, whatever its shape: an entry Istio wrote is an allocation even
// if a field of it is missing here.
func (r *Resource) StatusAddresses() []AllocatedAddress {
	status, _ := r.Object["status"].(map[string]any)
	list, _ := status["addresses"].([]any)
	var out []AllocatedAddress
	for _, a := range list {
		m, _ := a.(map[string]any)
		host, _ := m["host"].(string)
		value, _ := m["value"].(string)
		out = append(out, AllocatedAddress{Host: host, Value: value})
	}
	return out
}

// ProtocolClash is a ServiceEntry port whose host and number other
// ServiceEntries also declare with another protocol, where some namespace
// sees both. A proxy keeps one service per host, the oldest, and a port
// number once, so one of the protocols is silently lost; the files do not
// tell which.
type ProtocolClash struct {
	Entry     *Resource
	HostIndex int // in spec.hosts
	PortIndex int // in spec.ports
	Host      string
	Port      int
	Protocol  string // upper case, as Istio parses it
	// Rivals are the other ServiceEntries, with the protocol each gives.
	Rivals         []*Resource
	RivalProtocols []string
}

type sePortClaim struct {
	r                  *Resource
	host               string
	hostIndex, portIdx int
	port               int
	protocol           string
	scopes             []string
}

// ServiceEntryProtocolClashes lists, in input order, every ServiceEntry
// port that clashes. Ports without a protocol and hosts written as
// template placeholders are left out: what they become is not known.
func (g *Graph) ServiceEntryProtocolClashes() []ProtocolClash {
	byKey := map[string][]sePortClaim{}
	var keys []string
	for _, r := range g.OfKind(KindServiceEntry) {
		se := r.ServiceEntry()
		if se == nil {
			continue
		}
		scopes := exportScopes(g.opts.Mesh.serviceExportTo(se.GetExportTo()), r.Namespace)
		for hi, h := range se.GetHosts() {
			if h == "" || HasPlaceholder(h) {
				continue
			}
			host := FQDN(h, r.Namespace, g.opts.ClusterDomain)
			for pi, p := range se.GetPorts() {
				if p.GetProtocol() == "" {
					continue
				}
				k := host + "|" + strconv.Itoa(int(p.GetNumber()))
				if byKey[k] == nil {
					keys = append(keys, k)
				}
				// Copies of one object (the same key) are ML0003's.
				if slices.ContainsFunc(byKey[k], func(c sePortClaim) bool { return c.r.Key() == r.Key() }) {
					continue
				}
				byKey[k] = append(byKey[k], sePortClaim{r, host, hi, pi, int(p.GetNumber()), strings.ToUpper(p.GetProtocol()), scopes})
			}
		}
	}
	var out []ProtocolClash
	for _, k := range keys {
		out = append(out, clashesOf(byKey[k])...)
	}
	return out
}

// clashesOf compares the claims on one host and port pairwise.
func clashesOf(claims []sePortClaim) []ProtocolClash {
	var out []ProtocolClash
	for i, c := range claims {
		clash := ProtocolClash{Entry: c.r, HostIndex: c.hostIndex, PortIndex: c.portIdx,
			Host: c.host, Port: c.port, Protocol: c.protocol}
		for j, o := range claims {
			if i == j || o.protocol == c.protocol || !scopesOverlap(c.scopes, o.scopes) {
				continue
			}
			clash.Rivals = append(clash.Rivals, o.r)
			clash.RivalProtocols = append(clash.RivalProtocols, o.protocol)
		}
		if len(clash.Rivals) > 0 {
			out = append(out, clash)
		}
	}
	return out
}

// scopesOverlap reports whether some namespace is in both visibility
// scopes; "~" holds no namespace.
func scopesOverlap(a, b []string) bool {
	seen := func(s []string) bool { return slices.ContainsFunc(s, func(ns string) bool { return !isNoOne(ns) }) }
	if !seen(a) || !seen(b) {
		return false
	}
	if slices.Contains(a, ScopePublic) || slices.Contains(b, ScopePublic) {
		return true
	}
	return slices.ContainsFunc(a, func(ns string) bool { return !isNoOne(ns) && slices.Contains(b, ns) })
}
