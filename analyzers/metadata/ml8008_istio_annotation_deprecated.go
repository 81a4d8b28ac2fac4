package metadata

import (
	"istio.io/api/annotation"

	"github.com/meshlint/meshlint/analyzers"
)

// IstioAnnotationDeprecated reports annotations istio.io/api marks
// deprecated: they may stop working in a later release.
var IstioAnnotationDeprecated = &analyzers.Rule{
	ID: "ML8008", Name: "istio-annotation-deprecated", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         annotationInputs,
	Summary:        "an Istio annotation is deprecated",
	Istio:          []string{"IST0135"},
	IstioAnalyzers: []string{"annotations.K8sAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8008"),
	Run:            runIstioAnnotationDeprecated,
}

func runIstioAnnotationDeprecated(p *analyzers.Pass) {
	istioAnnotations(p, func(a annotated) {
		// ML3003 reports the injection annotation, with what it does.
		if a.def == nil || !a.def.Deprecated || a.key == annotation.SidecarInject.Name {
			return
		}
		p.Report(a.r, a.path, "the annotation %s is deprecated and may stop working in a later Istio release; see its entry in Istio's annotation reference for the replacement", a.key)
	})
}
