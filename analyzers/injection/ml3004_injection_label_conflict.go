package injection

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// InjectionLabelConflict reports a pod label that asks for injection where
// its namespace's label decides otherwise, and says which one wins. A
// namespace with an istio-injection value other than enabled is selected
// by no webhook, whatever its pods say (a warning: the pod label silently
// does nothing); a pod label sidecar.istio.io/inject: "false" wins over
// istio-injection: enabled (information: usually a deliberate opt-out).
var InjectionLabelConflict = &analyzers.Rule{
	ID: "ML3004", Name: "injection-label-conflict", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeWorkloadNamespace),
	Summary: "a pod's injection label conflicts with its namespace's",
	Doc:     analyzers.MustDoc(ruleDocs, "ML3004"),
	Run:     runInjectionLabelConflict,
}

func runInjectionLabelConflict(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeWorkloadNamespace) {
		if len(e.To) != 1 {
			continue
		}
		r, ns := e.From, e.To[0]
		nsValue, ok := ns.Labels[graph.LabelIstioInjection]
		if !ok || r.Workload.HostNetwork || graph.HasPlaceholder(nsValue) {
			continue
		}
		labels := graph.JoinPath(r.Workload.TemplatePath, "metadata", "labels")
		nsPath := graph.JoinPath("metadata", "labels", graph.LabelIstioInjection)
		for _, key := range []string{graph.LabelSidecarInject, graph.LabelRevision} {
			value, labelled := r.Workload.Labels[key]
			if !labelled || graph.HasPlaceholder(value) {
				continue
			}
			path := graph.JoinPath(labels, key)
			switch {
			case nsValue != "enabled" && (key == graph.LabelRevision || value == "true"):
				p.Report(r, path, "the label %s: %q does nothing: namespace %q says istio-injection: %q, which wins (no webhook selects its pods); set the namespace label to enabled, or remove it and keep the pod label",
					key, value, ns.Name, nsValue).Relate(ns.Location(nsPath), "namespace %s disables injection", ns.Name)
			case nsValue == "enabled" && key == graph.LabelSidecarInject && value == "false":
				p.Report(r, path, "the label %s: \"false\" wins over namespace %q's istio-injection: enabled: the pods run without a sidecar", key, ns.Name).
					WithSeverity(analyzers.SeverityInfo).Relate(ns.Location(nsPath), "namespace %s enables injection", ns.Name)
			case nsValue == "enabled" && key == graph.LabelRevision:
				p.Report(r, path, "the label istio.io/rev: %q does nothing: namespace %q says istio-injection: enabled, which wins and injects the default revision; remove istio-injection from the namespace to choose revisions per pod",
					value, ns.Name).Relate(ns.Location(nsPath), "namespace %s enables the default revision", ns.Name)
			}
		}
	}
}
