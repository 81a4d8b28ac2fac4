package references

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceSubsetNotFound reports route subsets no DestinationRule defines.
var VirtualServiceSubsetNotFound = &analyzers.Rule{
	ID: "ML1102", Name: "virtualservice-subset-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeRouteSubset),
	Summary:        "a VirtualService routes to a subset no DestinationRule defines",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"virtualservice.DestinationRuleAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1102"),
	Run:            runVirtualServiceSubsetNotFound,
}

func runVirtualServiceSubsetNotFound(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeRouteSubset) {
		if e.Resolved() {
			continue
		}
		host := graph.FQDN(e.Destination.Host, e.From.Namespace, p.Graph.Options().ClusterDomain)
		if len(e.Candidates) == 0 {
			p.Report(e.From, e.Path, "subset %q is not defined: no DestinationRule for host %s in the analyzed manifests", e.Ref, host)
			continue
		}
		f := p.Report(e.From, e.Path, "subset %q is not defined in any DestinationRule for host %s", e.Ref, host)
		for _, dr := range e.Candidates {
			f.Relate(dr.Location("spec.subsets"), "DestinationRule %s defines %s", dr.Name, subsetList(dr))
		}
	}
}

func subsetList(dr *graph.Resource) string {
	names := graph.SubsetNames(dr)
	if len(names) == 0 {
		return "no subsets"
	}
	return strings.Join(names, ", ")
}
