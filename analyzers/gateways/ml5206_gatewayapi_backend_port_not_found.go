package gateways

import (
	"slices"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIBackendPortNotFound reports backendRefs to a Service of the
// files on a port the Service does not expose.
var GatewayAPIBackendPortNotFound = &analyzers.Rule{
	ID: "ML5206", Name: "gatewayapi-backend-port-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeRouteBackend),
	Summary: "a Gateway API route's backendRef names a port its Service does not expose",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5206"),
	Run:     runGatewayAPIBackendPortNotFound,
}

func runGatewayAPIBackendPortNotFound(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteBackend) {
		if e.API.GroupKind() != graph.KindService || e.API.Port == 0 || len(e.To) != 1 {
			continue
		}
		svc := e.To[0]
		ports, known := servicePorts(svc)
		if !known || slices.Contains(ports, e.API.Port) {
			continue
		}
		p.Report(e.From, graph.JoinPath(e.Path, "port"),
			"Service %s has no port %d (ports: %s): a backendRef's port is a Service port, not a container port, so Istio routes to a cluster with no endpoints and requests to this backend fail; use one of the Service's ports",
			svc.NamespacedName(), e.API.Port, intList(ports)).
			RelateResource(svc, "spec.ports", "ports of %s", svc)
	}
}

// servicePorts are a Service's port numbers; known is false when the
// files do not say them all (an implied Service, a templated port).
func servicePorts(svc *graph.Resource) (ports []int, known bool) {
	if svc.Implied != "" || svc.Service == nil {
		return nil, false
	}
	for _, sp := range svc.Service.Ports {
		if sp.Port <= 0 {
			return nil, false
		}
		ports = append(ports, sp.Port)
	}
	return ports, len(ports) > 0
}

func intList(ports []int) string {
	s := make([]string, len(ports))
	for i, p := range ports {
		s[i] = strconv.Itoa(p)
	}
	return strings.Join(s, ", ")
}
