package injection

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// WorkloadAmbientLabelWithSidecar reports a pod template labelled
// istio.io/dataplane-mode: ambient whose pods get a sidecar anyway: the
// injector ignores that label, and the ambient CNI never captures a pod
// with a sidecar, so the label does nothing.
var WorkloadAmbientLabelWithSidecar = &analyzers.Rule{
	ID: "ML3011", Name: "workload-ambient-label-with-sidecar", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.InjectionInputs(),
	Summary: "a workload labelled for ambient mode gets a sidecar, so ztunnel never captures it",
	Doc:     analyzers.MustDoc(ruleDocs, "ML3011"),
	Run:     runWorkloadAmbientLabelWithSidecar,
}

func runWorkloadAmbientLabelWithSidecar(p *analyzers.Pass) {
	for _, w := range p.Graph.Workloads() {
		r := w.Resource
		if w.Implied() || r.ShadowedBy != nil || r.Workload.Labels[graph.LabelDataplaneMode] != graph.DataplaneAmbient {
			continue
		}
		v := p.Graph.Injection(r)
		if v.Mode != graph.ModeSidecar {
			continue
		}
		path := graph.JoinPath(r.Workload.TemplatePath, "metadata", "labels", graph.LabelDataplaneMode)
		f := p.Report(r, path, "%s asks for ambient mode, but its pods get a sidecar (%s), and the ambient CNI never captures a pod that has one: "+
			"the label does nothing and the workload runs with a sidecar; to run it in ambient mode %s, otherwise remove the label",
			r, v.Reason, ambientFix(r, v))
		if v.Decider != nil && v.Decider != r {
			f.RelateResource(v.Decider, v.Path, "%s decides: %s", v.Decider, v.Reason)
		}
	}
}

// ambientFix says what keeps the injector off the pods: for a sidecar
// written into the spec, removing it; otherwise the opt-out label.
func ambientFix(r *graph.Resource, v graph.InjectionVerdict) string {
	if v.Decider == r && !strings.Contains(v.Path, "metadata.labels") {
		return "remove the proxy from its pod spec"
	}
	if v.Decider == r {
		return "remove the label that selects it for injection"
	}
	return `add the label sidecar.istio.io/inject: "false" to its pod template`
}
