package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleHostNotFound reports DestinationRules whose host no
// Service or ServiceEntry provides.
var DestinationRuleHostNotFound = &analyzers.Rule{
	ID: "ML1104", Name: "destinationrule-host-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeDestinationRuleHost),
	Summary:        "a DestinationRule applies to a host no Service or ServiceEntry provides",
	Istio:          []string{"IST0174"},
	IstioAnalyzers: []string{"destinationrule.SubsetSelectPodAnalyzer"},
	Fixable:        true,
	Doc:            analyzers.MustDoc(ruleDocs, "ML1104"),
	Run:            runDestinationRuleHostNotFound,
}

func runDestinationRuleHostNotFound(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeDestinationRuleHost) {
		if e.Resolved() || graph.IsWildcard(e.Ref) {
			continue
		}
		if istiovalid.ValidateWildcardDomain(e.Ref) != nil {
			continue // absent (ML0103 reports it) or invalid (ML0206)
		}
		f := p.Report(e.From, e.Path, "host %q%s matches no Service or ServiceEntry in the analyzed manifests%s",
			e.Ref, expansion(e), hostHint(p.Graph, e))
		fixServiceHost(p.Graph, f, e)
	}
}
