package graph

import (
	"strconv"

	networking "istio.io/api/networking/v1alpha3"
)

// Destination is one place a VirtualService sends (or mirrors) traffic,
// with the field path where it is written. The route structure itself
// stays reachable through the typed spec (Resource.VirtualService()).
type Destination struct {
	Path     string // e.g. spec.http[0].route[1].destination
	Protocol string // "http", "tcp" or "tls"
	Rule     int    // index of the rule in its protocol's list
	Mirror   bool
	Host     string
	Subset   string
	Port     uint32
	// PortSet tells a written port (even `number: 0`) from none.
	PortSet bool
}

// Destinations are VirtualServiceDestinations of the resource's typed
// spec, listed once when the graph decoded it: its edges, views and
// several rules walk them.
func (r *Resource) Destinations() []Destination {
	if r.destinations == nil {
		return VirtualServiceDestinations(r.VirtualService()) // none, or not decoded by Build
	}
	return r.destinations
}

// VirtualServiceDestinations lists every route and mirror destination of a
// VirtualService in document order.
func VirtualServiceDestinations(vs *networking.VirtualService) []Destination {
	n := 0
	for _, h := range vs.GetHttp() {
		n += len(h.GetRoute()) + len(h.GetMirrors()) + 1
	}
	for _, t := range vs.GetTcp() {
		n += len(t.GetRoute())
	}
	for _, t := range vs.GetTls() {
		n += len(t.GetRoute())
	}
	if n == 0 {
		return nil
	}
	out := make([]Destination, 0, n)
	add := func(path, proto string, rule int, mirror bool, d *networking.Destination) {
		if d == nil {
			return
		}
		out = append(out, Destination{
			Path: path, Protocol: proto, Rule: rule, Mirror: mirror,
			Host: d.GetHost(), Subset: d.GetSubset(), Port: d.GetPort().GetNumber(), PortSet: d.GetPort() != nil,
		})
	}
	// Each path is built in one concatenation: rules list the destinations
	// of every VirtualService several times.
	for i, h := range vs.GetHttp() {
		rule := strconv.Itoa(i)
		for j, r := range h.GetRoute() {
			add("spec.http["+rule+"].route["+strconv.Itoa(j)+"].destination", "http", i, false, r.GetDestination())
		}
		if h.GetMirror() != nil {
			add("spec.http["+rule+"].mirror", "http", i, true, h.GetMirror())
		}
		for j, m := range h.GetMirrors() {
			add("spec.http["+rule+"].mirrors["+strconv.Itoa(j)+"].destination", "http", i, true, m.GetDestination())
		}
	}
	for i, t := range vs.GetTcp() {
		for j, r := range t.GetRoute() {
			add("spec.tcp["+strconv.Itoa(i)+"].route["+strconv.Itoa(j)+"].destination", "tcp", i, false, r.GetDestination())
		}
	}
	for i, t := range vs.GetTls() {
		for j, r := range t.GetRoute() {
			add("spec.tls["+strconv.Itoa(i)+"].route["+strconv.Itoa(j)+"].destination", "tls", i, false, r.GetDestination())
		}
	}
	return out
}

// GatewayRef is one gateway named by a VirtualService.
type GatewayRef struct {
	Path string // spec.gateways[0] or spec.http[1].match[0].gateways[0]
	Name string // as written
}

// VirtualServiceGatewayRefs lists the gateways a VirtualService binds to,
// top-level and per match.
func VirtualServiceGatewayRefs(vs *networking.VirtualService) []GatewayRef {
	var refs []GatewayRef
	for i, gw := range vs.GetGateways() {
		refs = append(refs, GatewayRef{Path: IndexPath("spec.gateways", i), Name: gw})
	}
	for i, h := range vs.GetHttp() {
		for j, m := range h.GetMatch() {
			for k, gw := range m.GetGateways() {
				refs = append(refs, GatewayRef{Path: IndexPath(IndexPath(IndexPath("spec.http", i)+".match", j)+".gateways", k), Name: gw})
			}
		}
	}
	return refs
}
