package gateways

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayRoutePortRequired reports a route destination without port, run
// by a Gateway server, to a host with several ports none of which is the
// server's: Istio then routes to the server's port, a cluster that does
// not exist.
var GatewayRoutePortRequired = &analyzers.Rule{
	ID: "ML5010", Name: "gateway-route-port-required", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         slices.Concat(graph.EdgeInputs(graph.EdgeGateway), graph.EdgeInputs(graph.EdgeRouteHost)),
	Summary:        "a route at a gateway names no port for a host with several ports, none of them the gateway server's",
	Istio:          []string{"IST0112"},
	IstioAnalyzers: []string{"virtualservice.DestinationHostAnalyzer"},
	Fixable:        true,
	Doc:            analyzers.MustDoc(ruleDocs, "ML5010"),
	Run:            runGatewayRoutePortRequired,
}

func runGatewayRoutePortRequired(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeRouteHost) {
		d := e.Destination
		if d == nil || d.PortSet || d.Mirror || e.From.Implied != "" || e.From.ShadowedBy != nil {
			continue
		}
		target, ports := multiPortTarget(e)
		if target == nil {
			continue
		}
		missed := slices.DeleteFunc(p.Graph.RouteServers(e.From, d), func(s graph.RouteServer) bool {
			return slices.Contains(ports, int(s.Server.GetPort().GetNumber()))
		})
		if len(missed) > 0 {
			reportRoutePort(p, e, target, ports, missed)
		}
	}
}

// multiPortTarget is the one Service or ServiceEntry in the files that
// serves the destination's host by name, with its ports, when it has two
// or more and all can be read. A host served through a wildcard, an
// ExternalName Service (Istio routes to its alias) or an implied Service
// (its ports are the install's) are left alone.
func multiPortTarget(e *graph.Edge) (*graph.Resource, []int) {
	if len(e.To) != 1 || len(e.Hosts) == 0 || e.To[0].Implied != "" {
		return nil, nil
	}
	r := e.To[0]
	if r.Service != nil && r.Service.Type == "ExternalName" {
		return nil, nil
	}
	for _, h := range e.Hosts {
		if graph.IsWildcard(h.Host) {
			return nil, nil
		}
	}
	ports := e.Hosts[0].Ports
	if len(ports) < 2 || slices.Contains(ports, 0) {
		return nil, nil
	}
	return r, ports
}

func reportRoutePort(p *analyzers.Pass, e *graph.Edge, target *graph.Resource, ports []int, missed []graph.RouteServer) {
	d := e.Destination
	gws, serverPorts := serversSummary(missed)
	consequence := "requests fail with 503 (no such cluster)"
	if d.Protocol != "http" {
		consequence = "connections are closed (no such cluster)"
	}
	f := p.Report(e.From, d.Path,
		"destination %s names no port, and %s run%s this %s rule on %s: without a port Istio sends to the server's port, which %s does not have (its ports: %s), so %s; set port.number to the port to reach",
		d.Host, gws, verbS(countGateways(missed)), d.Protocol, serverPorts, target, graph.PortList(ports), consequence)
	for _, s := range missed {
		f.RelateResource(s.Gateway, graph.IndexPath("spec.servers", s.Index)+".port.number",
			"%s listens on %d for this route", s.Gateway, s.Server.GetPort().GetNumber())
	}
	f.RelateResource(target, "spec.ports", "%s has ports %s", target, graph.PortList(ports))
	fixRoutePort(f, e, target)
}

// serversSummary names the gateways ("gateway a/b", "gateways a/b, c/d")
// and their server ports ("port 80", "ports 80, 443").
func serversSummary(servers []graph.RouteServer) (gateways, ports string) {
	var names []string
	var numbers []int
	for _, s := range servers {
		if n := s.Gateway.NamespacedName(); !slices.Contains(names, n) {
			names = append(names, n)
		}
		if n := int(s.Server.GetPort().GetNumber()); !slices.Contains(numbers, n) {
			numbers = append(numbers, n)
		}
	}
	slices.Sort(numbers)
	gateways, ports = "gateway "+names[0], fmt.Sprintf("port %d", numbers[0])
	if len(names) > 1 {
		gateways = "gateways " + strings.Join(names, ", ")
	}
	if len(numbers) > 1 {
		ports = "ports " + graph.PortList(numbers)
	}
	return gateways, ports
}

func countGateways(servers []graph.RouteServer) int {
	var seen []*graph.Resource
	for _, s := range servers {
		if !slices.Contains(seen, s.Gateway) {
			seen = append(seen, s.Gateway)
		}
	}
	return len(seen)
}

// fixRoutePort adds `port: {number: N}` to the destination when exactly
// one port of the target fits the rule's protocol, in the destination's
// style: a nested block indented as the file is, or a flow entry.
func fixRoutePort(f *analyzers.Finding, e *graph.Edge, target *graph.Resource) {
	doc, d := e.From.Doc, e.Destination
	candidates := graph.RoutePortCandidates(target, d.Protocol)
	if doc == nil || len(candidates) != 1 {
		return
	}
	n := candidates[0]
	edit, ok := doc.InsertEntry(d.Path, "port", fmt.Sprintf("\n%snumber: %d", strings.Repeat(" ", doc.IndentStep(d.Path)), n))
	if !ok {
		edit, ok = doc.InsertEntry(d.Path, "port", fmt.Sprintf("{number: %d}", n))
	}
	if ok {
		f.WithFix(fmt.Sprintf("route to port %d, the only port of %s that carries %s", n, target, protocolWord(d.Protocol)), edit)
	}
}

func protocolWord(protocol string) string {
	if protocol == "http" {
		return "HTTP"
	}
	return "TCP or TLS"
}
