package injection

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// AmbientLabelOnWorkloadMetadata reports an ambient label written on a
// Deployment's (StatefulSet's, ...) own metadata instead of its pod
// template: the CNI and istiod read pods' labels, which come from the
// template, so the label does nothing.
var AmbientLabelOnWorkloadMetadata = &analyzers.Rule{
	ID: "ML3012", Name: "ambient-label-on-workload-metadata", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.WorkloadKinds(),
	Summary: "an ambient label is on a workload's own metadata, not on its pod template, where Istio reads it",
	Doc:     analyzers.MustDoc(ruleDocs, "ML3012"),
	Run:     runAmbientLabelOnWorkloadMetadata,
}

// podLabels are the ambient labels Istio reads on pods only.
var podLabels = []string{graph.LabelDataplaneMode, graph.LabelUseWaypoint, graph.LabelUseWaypointNamespace}

func runAmbientLabelOnWorkloadMetadata(p *analyzers.Pass) {
	for _, w := range p.Graph.Workloads() {
		r := w.Resource
		if w.Implied() || r.Workload.TemplatePath == "" {
			continue // a Pod's metadata is its pod's
		}
		for _, key := range podLabels {
			value, own := r.Labels[key]
			if _, onPods := r.Workload.Labels[key]; !own || onPods || graph.HasPlaceholder(value) {
				continue
			}
			p.Report(r, graph.JoinPath("metadata", "labels", key), "%s: %s is on %s's own metadata, which Istio never reads: the CNI and istiod read the labels of its pods, "+
				"which come from the pod template, so this label does nothing; move it to %s", key, value, r, graph.JoinPath(r.Workload.TemplatePath, "metadata", "labels"))
		}
	}
}
