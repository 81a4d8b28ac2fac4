package gateways

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIBackendNotFound reports route backends (a Service, or a host
// of kind Hostname) that are in none of the analyzed manifests.
var GatewayAPIBackendNotFound = &analyzers.Rule{
	ID: "ML5205", Name: "gatewayapi-backend-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeRouteBackend),
	Summary: "a Gateway API route's backendRef names a Service or host that does not exist",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5205"),
	Run:     runGatewayAPIBackendNotFound,
}

func runGatewayAPIBackendNotFound(p *analyzers.Pass) {
	for _, e := range routeEdges(p.Graph, graph.EdgeRouteBackend) {
		kind := e.API.GroupKind()
		if e.Resolved() || (kind != graph.KindService && kind != graph.KindHostname) {
			continue
		}
		path := graph.JoinPath(e.Path, "name")
		if kind == graph.KindService && strings.Contains(e.API.Name, ".") {
			p.Report(e.From, path,
				"backendRef name %q is a hostname, but a backendRef of kind Service names the Service: Istio refuses it (ResolvedRefs=False) and %s; write the Service's name and set namespace, or use group networking.istio.io, kind Hostname for a host of the mesh registry",
				e.API.Name, backendFailure(e.From))
			continue
		}
		what := "Service " + e.API.NamespacedName()
		if kind == graph.KindHostname {
			what = "host " + e.Target + " (kind Hostname: a Service or ServiceEntry host)"
		}
		p.Report(e.From, path,
			"%s not found in the analyzed manifests: Istio marks the route ResolvedRefs=False (BackendNotFound) and %s; create it, fix the name or namespace, or declare the host under externals",
			what, backendFailure(e.From))
	}
}
