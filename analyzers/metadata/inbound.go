package metadata

import (
	"slices"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// inboundInputs are the kinds the inbound conflict rules read: Services,
// the workloads they select, and what decides injection.
func inboundInputs() []graph.GroupKind {
	return append(graph.EdgeInputs(graph.EdgeServiceWorkload), graph.InjectionInputs()...)
}

// reportInboundConflicts reports the inbound port conflicts of every
// workload with a sidecar whose Service port numbers are all equal
// (samePort) or not.
func reportInboundConflicts(p *analyzers.Pass, samePort bool) {
	for _, r := range p.Graph.Resources {
		if r.Workload == nil || r.ShadowedBy != nil || !sidecarInjected(p.Graph, r) {
			continue
		}
		for _, c := range p.Graph.InboundConflicts(r) {
			if c.SamePortNumber() != samePort {
				continue
			}
			first := c.Ports[0]
			f := p.Report(r, graph.JoinPath(r.Workload.TemplatePath, "metadata", "labels"), "Services %s reach container port %s of %s with different protocols (%s): its sidecar has one inbound listener per container port, and istiod keeps the oldest Service's protocol (%s, from %s) and drops the others, so their traffic is handled as the wrong protocol; "+
				"give the ports one protocol (the same port name or appProtocol) or different target ports",
				serviceNames(c), c.TargetPort, r.Name, portList(c), strings.ToUpper(first.Protocol), first.Service.Name).WithKey(c.TargetPort)
			for _, port := range c.Ports {
				f.RelateResource(port.Service, port.Path(), "Service %s port %d is %s", port.Service.Name, port.Port.Port, strings.ToUpper(port.Protocol))
			}
		}
	}
}

// sidecarInjected reports whether the webhook injects r's pods. Pods
// that carry the proxy in their spec are gateways and waypoints, whose
// listeners come from their own config rather than Services.
func sidecarInjected(g *graph.Graph, r *graph.Resource) bool {
	w := r.Workload
	if w.ProxyImage || slices.Contains(w.Containers, "istio-proxy") {
		return false
	}
	return g.Injection(r).Mode == graph.ModeSidecar
}

func serviceNames(c graph.InboundConflict) string {
	var names []string
	for _, p := range c.Ports {
		if !slices.Contains(names, p.Service.Name) {
			names = append(names, p.Service.Name)
		}
	}
	return strings.Join(names, ", ")
}

// portList renders "port 80 (HTTP) of a, port 80 (TCP) of b".
func portList(c graph.InboundConflict) string {
	var parts []string
	for _, p := range c.Ports {
		parts = append(parts, "port "+strconv.Itoa(p.Port.Port)+" ("+strings.ToUpper(p.Protocol)+") of "+p.Service.Name)
	}
	return strings.Join(parts, ", ")
}
