package metadata

import (
	"slices"
	"strings"

	"istio.io/api/annotation"
	"istio.io/api/label"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// annotationInputs are the kinds whose annotations the annotation rules
// read: those istioctl checks, and the other workloads' pod templates.
var annotationInputs = []graph.GroupKind{graph.KindNamespace, graph.KindService, graph.KindPod, graph.KindDeployment,
	graph.KindStatefulSet, graph.KindDaemonSet, graph.KindReplicaSet, graph.KindJob, graph.KindCronJob}

// annotated is one annotation of an object's metadata, or of a
// workload's pod template, which Istio reads as the pod's.
type annotated struct {
	r     *graph.Resource
	kind  string // the kind the annotation lands on: Pod for a template
	key   string
	value string
	path  string
	def   *annotation.Instance // nil when istio.io/api does not know it
}

// istioAnnotations calls fn for every annotation in Istio's name space
// (a prefix ending in istio.io, and kubernetes.io/ingress.class, which
// Istio documents) on the objects of annotationInputs, in input order.
// Annotations Istio's own components write are skipped.
func istioAnnotations(p *analyzers.Pass, fn func(a annotated)) {
	for _, r := range p.Graph.Resources {
		if r.ShadowedBy != nil || !slices.Contains(annotationInputs, r.GroupKind()) {
			continue
		}
		visit(r, r.Kind, "metadata.annotations", r.Annotations, fn)
		if w := r.Workload; w != nil && w.TemplatePath != "" {
			visit(r, "Pod", graph.JoinPath(w.TemplatePath, "metadata", "annotations"), w.Annotations, fn)
		}
	}
}

func visit(r *graph.Resource, kind, base string, annotations map[string]string, fn func(a annotated)) {
	keys := make([]string, 0, len(annotations))
	for k := range annotations {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if !inIstioNameSpace(k) || writtenByIstio[k] || graph.HasPlaceholder(k) {
			continue
		}
		fn(annotated{r: r, kind: kind, key: k, value: annotations[k], path: graph.JoinPath(base, k), def: knownAnnotations[k]})
	}
}

func inIstioNameSpace(key string) bool {
	if key == annotation.IoKubernetesIngressClass.Name {
		return true
	}
	prefix, _, found := strings.Cut(key, "/")
	return found && strings.HasSuffix(prefix, "istio.io")
}

// writtenByIstio are annotations istiod, the injector and the gateway
// controller set themselves: users meet them in objects copied from a
// cluster and need not be told about them.
var writtenByIstio = map[string]bool{
	annotation.SidecarStatus.Name:            true,
	annotation.GatewayControllerVersion.Name: true,
	annotation.IoIstioRev.Name:               true,
}

// knownAnnotations indexes istio.io/api's annotations by name.
var knownAnnotations = func() map[string]*annotation.Instance {
	m := map[string]*annotation.Instance{}
	for _, a := range annotation.AllResourceAnnotations() {
		m[a.Name] = a
	}
	return m
}()

// knownLabels indexes istio.io/api's labels by name, to tell a label
// written as an annotation.
var knownLabels = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range label.AllResourceLabels() {
		m[l.Name] = true
	}
	return m
}()

// appliesTo returns the kinds an annotation applies to, and whether it
// applies to any.
func appliesTo(def *annotation.Instance) (kinds []string, any bool) {
	for _, rt := range def.Resources {
		if rt == annotation.Any {
			return nil, true
		}
		if s := rt.String(); s != "Unknown" {
			kinds = append(kinds, s)
		}
	}
	return kinds, false
}

// misplaced reports whether a known annotation is on a kind it does not
// apply to.
func misplaced(a annotated) bool {
	kinds, any := appliesTo(a.def)
	return !any && !slices.Contains(kinds, a.kind)
}
