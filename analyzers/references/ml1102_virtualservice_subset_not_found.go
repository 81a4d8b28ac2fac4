package references

import (
	"fmt"
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
		if hidden := hiddenDefinition(e); hidden != nil {
			p.Report(e.From, e.Path, "subset %q of host %s is defined by DestinationRule %s, which the proxies in namespace %q that run this route do not see: %s",
				e.Ref, host, hidden.NamespacedName(), e.NotExportedTo, hiddenCause(hidden, e.NotExportedTo)).
				Relate(hidden.Location("spec.subsets"), "DestinationRule %s defines %s", hidden.Name, subsetList(hidden))
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

// hiddenDefinition is the DestinationRule that defines the subset but is
// not exported to the proxies that run the route, or nil.
func hiddenDefinition(e *graph.Edge) *graph.Resource {
	if e.NotExportedTo == "" {
		return nil
	}
	for _, dr := range e.Candidates {
		if graph.DefinesSubset(dr, e.Ref) {
			return dr
		}
	}
	return nil
}

// hiddenCause says why a DestinationRule is not visible in namespace ns
// and what to write instead.
func hiddenCause(dr *graph.Resource, ns string) string {
	d := dr.DestinationRule()
	switch {
	case d.GetWorkloadSelector() != nil:
		return "a DestinationRule with a workloadSelector stays in its own namespace"
	case len(d.GetExportTo()) == 0:
		return fmt.Sprintf(`it has no exportTo and the mesh's defaultDestinationRuleExportTo is "."; add exportTo: [".", %q]`, ns)
	}
	return fmt.Sprintf("its exportTo %q leaves that namespace out; add %q to it", d.GetExportTo(), ns)
}
