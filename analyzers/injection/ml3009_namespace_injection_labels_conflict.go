package injection

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// NamespaceInjectionLabelsConflict reports a Namespace that asks for
// more than one data plane at once: istio-injection: enabled with
// istio.io/rev (the first wins), or sidecar injection with
// istio.io/dataplane-mode: ambient (pods get sidecars, which ztunnel
// leaves alone). One of the labels silently does nothing.
var NamespaceInjectionLabelsConflict = &analyzers.Rule{
	ID: "ML3009", Name: "namespace-injection-labels-conflict", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindNamespace},
	Summary:        "a Namespace carries injection labels that contradict each other, so one of them does nothing",
	Istio:          []string{"IST0123"},
	IstioAnalyzers: []string{"injection.Analyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3009"),
	Run:            runNamespaceInjectionLabelsConflict,
}

func runNamespaceInjectionLabelsConflict(p *analyzers.Pass) {
	for _, ns := range p.Graph.OfKind(graph.KindNamespace) {
		if ns.ShadowedBy != nil || ns.Implied != "" || templated(ns.Labels) {
			continue
		}
		inj, hasInj := ns.Labels[graph.LabelIstioInjection]
		rev := ns.Labels[graph.LabelRevision]
		hasRev := rev != "" // an empty revision names none
		ambient := ns.Labels[graph.LabelDataplaneMode] == "ambient"
		if hasInj && inj != "enabled" {
			continue // injection is off on purpose; the other labels decide nothing more
		}
		var ignored []string
		var path string
		if hasInj && hasRev {
			ignored = append(ignored, "istio.io/rev: "+rev+" (istio-injection: enabled wins and the default revision injects)")
			path = graph.JoinPath("metadata", "labels", graph.LabelRevision)
		}
		if ambient && (hasInj || hasRev) {
			ignored = append(ignored, "istio.io/dataplane-mode: ambient (its pods get sidecars, and ztunnel does not capture pods with a sidecar)")
			if path == "" {
				path = graph.JoinPath("metadata", "labels", graph.LabelDataplaneMode)
			}
		}
		if len(ignored) == 0 {
			continue
		}
		p.Report(ns, path, "namespace %q carries injection labels that contradict each other; this one does nothing: %s; keep the one label that says which data plane its pods use",
			ns.Name, strings.Join(ignored, "; "))
	}
}

func templated(labels map[string]string) bool {
	for _, k := range []string{graph.LabelIstioInjection, graph.LabelRevision, graph.LabelDataplaneMode} {
		if graph.HasPlaceholder(labels[k]) {
			return true
		}
	}
	return false
}
