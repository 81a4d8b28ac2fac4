package references

import (
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceHostNotFound reports route destinations whose host no
// Service or ServiceEntry serves.
var VirtualServiceHostNotFound = &analyzers.Rule{
	ID: "ML1103", Name: "virtualservice-host-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeRouteHost),
	Summary:        "a VirtualService routes to a host no Service or ServiceEntry provides",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"virtualservice.DestinationHostAnalyzer"},
	Fixable:        true,
	Doc:            analyzers.MustDoc(ruleDocs, "ML1103"),
	Run:            runVirtualServiceHostNotFound,
}

func runVirtualServiceHostNotFound(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeRouteHost) {
		what := "host"
		if e.Destination.Mirror {
			what = "mirror host"
		}
		switch {
		case istiovalid.DestinationHostProblem(e.Ref) != nil:
			// Absent (ML0103 reports it), or invalid (ML0206): a host that
			// cannot exist is not looked for.
		case !e.Resolved():
			f := p.Report(e.From, e.Path, "%s %q%s matches no Service or ServiceEntry in the analyzed manifests%s",
				what, e.Ref, expansion(e), hostHint(p.Graph, e))
			fixServiceHost(p.Graph, f, e)
		case e.Destination.Port != 0 && len(e.Hosts) > 0 && !hostHasPort(e.Hosts, int(e.Destination.Port)):
			h := e.Hosts[0]
			p.Report(e.From, e.Destination.Path+".port.number", "port %d is not a port of %s (ports: %s)",
				e.Destination.Port, h.Resource, graph.PortList(h.Ports)).
				RelateResource(h.Resource, h.Path, "%s is defined here", h.Resource)
		}
	}
}

func hostHasPort(hosts []*graph.HostEntry, port int) bool {
	for _, h := range hosts {
		if len(h.Ports) == 0 || slices.Contains(h.Ports, port) {
			return true
		}
	}
	return false
}
