package injection

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// InjectAnnotation reports the deprecated sidecar.istio.io/inject pod
// annotation. The injector still reads it, but only for pods a webhook
// already selected, and webhooks select by label: "true" in a namespace
// that does not enable injection silently does nothing.
var InjectAnnotation = &analyzers.Rule{
	ID: "ML3003", Name: "inject-annotation", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         graph.InjectionInputs(),
	Summary:        "a pod template uses the deprecated sidecar.istio.io/inject annotation instead of the label",
	Istio:          []string{"IST0135"},
	IstioAnalyzers: []string{"annotations.K8sAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3003"),
	Fixable:        true,
	Run:            runInjectAnnotation,
}

func runInjectAnnotation(p *analyzers.Pass) {
	for _, r := range p.Graph.Resources {
		if r.Workload == nil {
			continue
		}
		value, annotated := r.Workload.Annotations[graph.LabelSidecarInject]
		if _, labelled := r.Workload.Labels[graph.LabelSidecarInject]; !annotated || labelled {
			continue
		}
		path := graph.JoinPath(r.Workload.TemplatePath, "metadata", "annotations", graph.LabelSidecarInject)
		labels := graph.JoinPath(r.Workload.TemplatePath, "metadata", "labels")
		v := p.Graph.Injection(r)
		if value != "true" || v.Mode == graph.ModeSidecar || v.Mode == graph.ModeUnknown || v.ByWorkload {
			f := p.Report(r, path, "the annotation sidecar.istio.io/inject is deprecated: write it as the label sidecar.istio.io/inject: %q under %s", value, labels)
			fixInjectAnnotation(f, r.Workload.TemplatePath, value)
			continue
		}
		f := p.Report(r, path, "the annotation sidecar.istio.io/inject: \"true\" does nothing: webhooks select pods by label and %s, so the pods run %s; write the label sidecar.istio.io/inject: \"true\" under %s instead",
			v.Reason, modeText(v.Mode), labels).WithSeverity(analyzers.SeverityWarning)
		if v.Decider != nil && v.Decider != r {
			f.Relate(v.Decider.Location(v.Path), "%s decides", v.Decider)
		}
		fixInjectAnnotation(f, r.Workload.TemplatePath, value)
	}
}

// fixInjectAnnotation moves the annotation to the pod labels: it removes
// the annotation (the annotations key with it when it was the only one)
// and adds the label, to the labels the template has or as a new labels
// key. Only "true" and "false" are moved: the injector reads nothing
// else, and a label value has to be written anew.
func fixInjectAnnotation(f *analyzers.Finding, template, value string) {
	doc := f.Resource.Doc
	if doc == nil || value != "true" && value != "false" {
		return
	}
	meta := graph.JoinPath(template, "metadata")
	annotations, labels := graph.JoinPath(meta, "annotations"), graph.JoinPath(meta, "labels")
	del, ok := doc.DeleteEntry(annotations, graph.LabelSidecarInject)
	if doc.MappingLen(annotations) == 1 {
		del, ok = doc.DeleteEntry(meta, "annotations")
	}
	quoted := fmt.Sprintf("%q", value)
	var add graph.Edit
	okAdd := false
	if doc.MappingLen(labels) >= 0 {
		add, okAdd = doc.InsertEntry(labels, graph.LabelSidecarInject, quoted)
	} else if !f.Resource.Has(labels) {
		add, okAdd = doc.InsertEntry(meta, "labels", "\n  "+graph.LabelSidecarInject+": "+quoted)
	}
	if ok && okAdd {
		f.WithFix("move sidecar.istio.io/inject: "+quoted+" from the pod annotations to the pod labels", del, add)
	}
}

// modeText says where a workload's pods run, for messages.
func modeText(mode string) string {
	switch mode {
	case graph.ModeSidecar:
		return "with a sidecar"
	case graph.ModeAmbient:
		return "in ambient mode, without a sidecar"
	}
	return "outside the mesh"
}
