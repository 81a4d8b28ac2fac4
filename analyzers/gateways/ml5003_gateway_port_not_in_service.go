package gateways

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayPortNotInService reports Gateway server ports that no port of the
// Services in front of the gateway's pods leads to.
var GatewayPortNotInService = &analyzers.Rule{
	ID: "ML5003", Name: "gateway-port-not-in-service", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         slices.Concat(graph.EdgeInputs(graph.EdgeGatewayWorkload), graph.EdgeInputs(graph.EdgeServiceWorkload)),
	Summary:        "a Gateway server listens on a port that no Service port of its gateway workload leads to",
	Istio:          []string{"IST0162"},
	IstioAnalyzers: []string{"gateway.IngressGatewayPortAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5003"),
	Run:            runGatewayPortNotInService,
}

func runGatewayPortNotInService(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		gw := r.Gateway()
		if r.Implied != "" || gw == nil {
			continue
		}
		ports := p.Graph.GatewayServicePorts(r)
		if len(ports.Services) == 0 || !ports.Complete {
			continue // the Service is elsewhere, or its ports cannot be read
		}
		for i, s := range gw.GetServers() {
			n := s.GetPort().GetNumber()
			if n == 0 || ports.Reachable[n] {
				continue
			}
			f := p.Report(r, graph.IndexPath("spec.servers", i)+".port.number",
				"port %d is neither a port nor a targetPort of %s, which select%s this Gateway's workload: the gateway listens on %d but no Service port leads there, so clients of the Service cannot reach this server; add a port to the Service (targetPort %d) or move the server to a port it leads to (%s)",
				n, serviceNames(ports.Services), verbS(len(ports.Services)), n, n, portList(ports.Reachable))
			for _, svc := range ports.Services {
				f.RelateResource(svc, "spec.ports", "Service %s selects the gateway's pods", svc.Name)
			}
		}
	}
}

func serviceNames(svcs []*graph.Resource) string {
	names := make([]string, len(svcs))
	for i, s := range svcs {
		names[i] = s.Namespace + "/" + s.Name
	}
	if len(names) == 1 {
		return "Service " + names[0]
	}
	return "Services " + strings.Join(names, ", ")
}

func verbS(n int) string {
	if n == 1 {
		return "s"
	}
	return ""
}

func portList(set map[uint32]bool) string {
	var ports []uint32
	for p := range set {
		ports = append(ports, p)
	}
	slices.Sort(ports)
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = itoa(p)
	}
	return strings.Join(s, ", ")
}
