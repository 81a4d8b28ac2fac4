package references

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleSubsetSelectsNoWorkload reports a subset whose labels
// select none of the workloads the files hold for the host's Service: its
// cluster has no endpoints, so traffic routed to it fails.
var DestinationRuleSubsetSelectsNoWorkload = &analyzers.Rule{
	ID: "ML1120", Name: "destinationrule-subset-selects-no-workload", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         append(graph.EdgeInputs(graph.EdgeDestinationRuleHost), graph.EdgeInputs(graph.EdgeServiceWorkload)...),
	Summary:        "a DestinationRule subset's labels select none of the Service's workloads in the files",
	Istio:          []string{"IST0173"},
	IstioAnalyzers: []string{"destinationrule.SubsetSelectPodAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1120"),
	Run:            runDestinationRuleSubsetSelectsNoWorkload,
}

func runDestinationRuleSubsetSelectsNoWorkload(p *analyzers.Pass) {
	dropped := droppedSubsets(p.Graph)
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		if r.Implied != "" {
			continue
		}
		for _, s := range p.Graph.SubsetSelections(r) {
			if len(s.Selected) > 0 || dropped[r][s.Name] {
				continue
			}
			labels := r.DestinationRule().GetSubsets()[s.Index].GetLabels()
			f := p.Report(r, graph.IndexPath("spec.subsets", s.Index)+".labels",
				"subset %q selects %s, but no workload of Service %s/%s in the analyzed manifests carries it (%d checked; %s): "+
					"its endpoints are empty and requests routed to it fail with 503 (no healthy upstream); "+
					"correct the labels, or deploy the workload they name",
				s.Name, graph.SelectorString(labels), s.Service.Namespace, s.Service.Name, len(s.Workloads), carried(s.Workloads, labels))
			f.RelateResource(s.Service, "spec.selector", "Service %s/%s selects these workloads", s.Service.Namespace, s.Service.Name)
		}
	}
}

// carried says what the workloads carry for the subset's label keys, e.g.
// "they have version=v1, version=v2".
func carried(ws []*graph.Workload, subset map[string]string) string {
	var pairs []string
	for _, w := range ws {
		for k := range subset {
			if v, ok := w.Labels[k]; ok && !slices.Contains(pairs, k+"="+v) {
				pairs = append(pairs, k+"="+v)
			}
		}
	}
	if len(pairs) == 0 {
		return "they have none of its keys"
	}
	slices.Sort(pairs)
	return "they have " + strings.Join(pairs, ", ")
}
