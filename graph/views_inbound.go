package graph

import "strconv"

// InboundPort is one Service port that delivers to a workload's container
// port, with the protocol Istio gives it.
type InboundPort struct {
	Service  *Resource
	Index    int // in spec.ports
	Port     ServicePort
	Protocol string // lower case, as servicePortProtocol reads it
}

// Path is the field of the Service that decides the port's protocol.
func (p InboundPort) Path() string {
	path := IndexPath("spec.ports", p.Index)
	switch {
	case p.Port.Protocol == "UDP":
		return path + ".protocol"
	case p.Port.AppProtocol != "":
		return path + ".appProtocol"
	case p.Port.Name != "":
		return path + ".name"
	}
	return path + ".port"
}

// InboundConflict is a container port of a workload that Services reach
// with different protocols. A sidecar builds one inbound filter chain per
// container port: istiod keeps the oldest Service's port and protocol
// and drops the others (pilot's "conflicting inbound listener" metric).
type InboundConflict struct {
	TargetPort string
	Ports      []InboundPort // in Service then port order, at least two protocols
}

// SamePortNumber reports whether every Service port of the conflict has
// the same number: the Services disagree on the protocol of one port.
func (c InboundConflict) SamePortNumber() bool {
	for _, p := range c.Ports[1:] {
		if p.Port.Port != c.Ports[0].Port.Port {
			return false
		}
	}
	return true
}

// InboundConflicts returns the container ports of workload r that two or
// more Services of its namespace reach with different protocols. Ports
// whose protocol Istio sniffs, and Services or ports holding template
// placeholders, take no part: their protocol is not known.
func (g *Graph) InboundConflicts(r *Resource) []InboundConflict {
	byTarget := map[string][]InboundPort{}
	var order []string
	for _, svc := range g.servicesOf(r) {
		for i, p := range svc.Service.Ports {
			proto := servicePortProtocol(p)
			if proto == "" || HasPlaceholder(p.Name) || HasPlaceholder(p.TargetPort) {
				continue
			}
			target := p.TargetPort
			if target == "" || target == "0" {
				target = strconv.Itoa(p.Port)
			}
			if byTarget[target] == nil {
				order = append(order, target)
			}
			byTarget[target] = append(byTarget[target], InboundPort{svc, i, p, proto})
		}
	}
	var out []InboundConflict
	for _, target := range order {
		if ports := byTarget[target]; conflicting(ports) {
			out = append(out, InboundConflict{TargetPort: target, Ports: ports})
		}
	}
	return out
}

// conflicting reports whether two ports of different Services give
// different protocols: ports of one Service that disagree are the
// Service's own business (istiod reports nothing for them).
func conflicting(ports []InboundPort) bool {
	for i, a := range ports {
		for _, b := range ports[i+1:] {
			if a.Service != b.Service && a.Protocol != b.Protocol {
				return true
			}
		}
	}
	return false
}

// servicesOf returns the Services whose selector picks workload r, in
// load order.
func (g *Graph) servicesOf(r *Resource) []*Resource { return g.servicesByWorkload[r] }
