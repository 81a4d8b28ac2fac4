package references

import (
	"github.com/meshlint/meshlint/analyzers"
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
	Doc: "A DestinationRule's `spec.host` must name a Service or a ServiceEntry host visible from the " +
		"DestinationRule's namespace (short names expand to `<host>.<namespace>.svc.cluster.local`). " +
		"Otherwise its traffic policy and subsets apply to nothing — usually a typo or a rule left behind " +
		"after a Service was renamed. Wildcard hosts are mesh-wide policies and are not checked.\n\n" +
		"### Bad\n```yaml\nkind: DestinationRule\nmetadata:\n  name: ratings\n  namespace: bookinfo\nspec:\n  host: rating   # the Service is \"ratings\"\n```\n\n" +
		"### Good\n```yaml\nkind: DestinationRule\nmetadata:\n  name: ratings\n  namespace: bookinfo\nspec:\n  host: ratings\n```\n",
	Run: runDestinationRuleHostNotFound,
}

func runDestinationRuleHostNotFound(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeDestinationRuleHost) {
		if e.Resolved() || graph.IsWildcard(e.Ref) {
			continue
		}
		if e.Ref == "" {
			p.Report(e.From, "spec", "DestinationRule has no host")
			continue
		}
		p.Report(e.From, e.Path, "host %q%s matches no Service or ServiceEntry in the analyzed manifests%s",
			e.Ref, expansion(e), hostHint(p.Graph, e))
	}
}
