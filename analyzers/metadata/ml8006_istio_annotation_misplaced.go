package metadata

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// IstioAnnotationMisplaced reports Istio annotations on a kind they do
// not apply to, such as a pod annotation on a Deployment's own metadata
// instead of its pod template. Istio does not read them there.
var IstioAnnotationMisplaced = &analyzers.Rule{
	ID: "ML8006", Name: "istio-annotation-misplaced", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         annotationInputs,
	Summary:        "an Istio annotation is on a kind it does not apply to, so it does nothing",
	Istio:          []string{"IST0107"},
	IstioAnalyzers: []string{"annotations.K8sAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8006"),
	Run:            runIstioAnnotationMisplaced,
}

func runIstioAnnotationMisplaced(p *analyzers.Pass) {
	istioAnnotations(p, func(a annotated) {
		if a.def == nil || !misplaced(a) {
			return
		}
		kinds, _ := appliesTo(a.def)
		where := strings.Join(kinds, ", ")
		if a.r.Workload != nil && a.r.Workload.TemplatePath != "" && a.kind != "Pod" && strings.Contains(where, "Pod") {
			p.Report(a.r, a.path, "%s applies to %s, not to a %s: Istio does not read it here; move it to %s",
				a.key, where, a.kind, graph.JoinPath(a.r.Workload.TemplatePath, "metadata", "annotations"))
			return
		}
		p.Report(a.r, a.path, "%s applies to %s, not to a %s: Istio does not read it here", a.key, where, a.kind)
	})
}
