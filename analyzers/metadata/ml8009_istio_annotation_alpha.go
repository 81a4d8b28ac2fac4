package metadata

import (
	"slices"

	"istio.io/api/annotation"

	"github.com/meshlint/meshlint/analyzers"
)

// IstioAnnotationAlpha reports annotations of alpha features. Off by
// default, as istioctl's AlphaAnalyzer is: many are set routinely.
var IstioAnnotationAlpha = &analyzers.Rule{
	ID: "ML8009", Name: "istio-annotation-alpha", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	NonDefault:     true,
	Inputs:         annotationInputs,
	Summary:        "an Istio annotation belongs to an alpha feature, which may change or go away",
	Istio:          []string{"IST0136"},
	IstioAnalyzers: []string{"annotations.AlphaAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8009"),
	Run:            runIstioAnnotationAlpha,
}

// setByCNI are the annotations the injector writes on pods when the
// Istio CNI plugin (no istio-init container) captures traffic.
var setByCNI = map[string]bool{
	annotation.SidecarInterceptionMode.Name:               true,
	annotation.SidecarTrafficIncludeInboundPorts.Name:     true,
	annotation.SidecarTrafficExcludeInboundPorts.Name:     true,
	annotation.SidecarTrafficIncludeOutboundIPRanges.Name: true,
}

func runIstioAnnotationAlpha(p *analyzers.Pass) {
	istioAnnotations(p, func(a annotated) {
		if a.def == nil || a.def.FeatureStatus != annotation.Alpha {
			return
		}
		if a.kind == "Pod" && setByCNI[a.key] && !slices.Contains(a.r.Workload.InitContainers, "istio-init") {
			return
		}
		p.Report(a.r, a.path, "the annotation %s belongs to an alpha feature of Istio: it may change or go away in a later release", a.key)
	})
}
