package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// SidecarSelectorNoWorkload reports a Sidecar whose workload selector
// matches no workload of its namespace, where the files show that
// namespace's workloads.
var SidecarSelectorNoWorkload = &analyzers.Rule{
	ID: "ML1111", Name: "sidecar-selector-no-workload", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgePolicyWorkload),
	Summary:        "a Sidecar's workload selector matches no workload of its namespace",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"sidecar.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1111"),
	Run:            runSidecarSelectorNoWorkload,
}

func runSidecarSelectorNoWorkload(p *analyzers.Pass) {
	for _, e := range p.Graph.UnmatchedPolicySelectors(graph.KindSidecar) {
		r := e.From
		hint := ""
		if w := p.Graph.SelectedElsewhere(r); w != nil {
			hint = " (it matches " + w.String() + ", but a Sidecar selects workloads of its own namespace only)"
		}
		p.Report(r, e.Path, "workloadSelector %q matches no workload in namespace %q, where the manifests beside it define others: the Sidecar configures no proxy, "+
			"so its settings apply nowhere%s; fix the labels, or remove the Sidecar", e.Target, r.Namespace, hint)
	}
}
