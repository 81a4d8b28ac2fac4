package metadata

import "github.com/meshlint/meshlint/analyzers"

// IstioAnnotationUnknown reports annotations in Istio's name space that
// istio.io/api does not define: typos, or labels written as annotations.
// Istio ignores them.
var IstioAnnotationUnknown = &analyzers.Rule{
	ID: "ML8005", Name: "istio-annotation-unknown", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         annotationInputs,
	Summary:        "an annotation in Istio's name space is not one Istio defines, so it does nothing",
	Istio:          []string{"IST0108"},
	IstioAnalyzers: []string{"annotations.K8sAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8005"),
	Run:            runIstioAnnotationUnknown,
}

func runIstioAnnotationUnknown(p *analyzers.Pass) {
	istioAnnotations(p, func(a annotated) {
		if a.def != nil {
			return
		}
		if knownLabels[a.key] {
			p.Report(a.r, a.path, "%s is an Istio label, not an annotation: Istio does not read it here; move it under the labels beside these annotations", a.key)
			return
		}
		p.Report(a.r, a.path, "Istio defines no annotation %s, so it does nothing: check the spelling against Istio's annotation reference", a.key)
	})
}
