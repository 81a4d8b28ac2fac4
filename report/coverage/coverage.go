// Package coverage tells, per namespace and workload, whether the pods
// run with a sidecar, in ambient mode or outside the mesh, and why: the
// verdict is the graph's (graph.Injection), the one the ML3xxx rules read.
package coverage

import (
	"sort"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

// Causes: what decided a verdict, from the field that decided it.
const (
	CauseNamespaceLabel = "namespace-label"   // istio-injection on the Namespace
	CauseRevisionLabel  = "revision-label"    // istio.io/rev on the Namespace or pod
	CausePodLabel       = "pod-label"         // sidecar.istio.io/inject on the pod
	CausePodAnnotation  = "pod-annotation"    // the deprecated sidecar.istio.io/inject annotation
	CauseAmbient        = "ambient"           // istio.io/dataplane-mode on the Namespace or pod
	CauseHostNetwork    = "host-network"      // hostNetwork pods are never injected
	CauseSystem         = "system-namespace"  // kube-system and the like
	CauseMeshDefault    = "mesh-default"      // enableNamespacesByDefault
	CauseProxyInSpec    = "proxy-in-spec"     // the spec already runs Istio's proxy
	CauseNoLabel        = "no-label"          // nothing asks for injection
	CauseNamespaceNotIn = "namespace-unknown" // its Namespace is not in the files
	CauseTemplate       = "template"          // a label holds a template placeholder
)

// Report is the coverage of the analyzed manifests.
type Report struct {
	Namespaces []*Namespace `json:"namespaces"`
	Totals     Totals       `json:"totals"`
}

// Namespace is the coverage of one namespace's workloads.
type Namespace struct {
	Name string `json:"name"`
	// InFiles is false when no Namespace object in the files defines it.
	InFiles   bool        `json:"inFiles"`
	Workloads []*Workload `json:"workloads"`
	Totals    Totals      `json:"totals"`
}

// Workload is one workload's verdict.
type Workload struct {
	Kind   string `json:"kind"`
	Name   string `json:"name"`
	File   string `json:"file,omitempty"`
	Line   int    `json:"line,omitempty"`
	Mode   string `json:"mode"`
	Cause  string `json:"cause"`
	Reason string `json:"reason"`
	// Decider and Path name the field that decided ("" when none is written).
	Decider string `json:"decider,omitempty"`
	Path    string `json:"path,omitempty"`
	// Policies are the Istio policies that select the workload though it
	// runs outside the mesh: no proxy enforces them.
	Policies []string `json:"policies,omitempty"`
}

// Totals count workloads by verdict. Percent is the share in the mesh
// (sidecar or ambient) of the workloads whose verdict the files decide:
// those of namespaces not in the files (unknown) are left out rather than
// counted as outside; nil when there is none.
type Totals struct {
	Workloads         int      `json:"workloads"`
	Sidecar           int      `json:"sidecar"`
	Ambient           int      `json:"ambient"`
	Outside           int      `json:"outside"`
	Unknown           int      `json:"unknown"`
	OutsideWithPolicy int      `json:"outsideWithPolicy"`
	Percent           *float64 `json:"percent"`
}

// Compute works out the coverage of the workloads the files define
// (implied ones, such as the assumed ingress gateway, are not counted).
func Compute(g *graph.Graph) *Report {
	policies := outsidePolicies(g)
	byNS := map[string]*Namespace{}
	for _, r := range g.Applied() {
		if r.Workload == nil || r.Implied != "" {
			continue
		}
		ns := byNS[r.Namespace]
		if ns == nil {
			ns = &Namespace{Name: r.Namespace, InFiles: g.Namespace(r.Namespace) != nil}
			byNS[r.Namespace] = ns
		}
		w := workload(g, r)
		if w.Mode == graph.ModeOutside {
			w.Policies = policies[r]
		}
		ns.Workloads = append(ns.Workloads, w)
	}
	rep := &Report{Namespaces: []*Namespace{}}
	for _, ns := range byNS {
		sort.Slice(ns.Workloads, func(i, j int) bool {
			a, b := ns.Workloads[i], ns.Workloads[j]
			return a.Name < b.Name || (a.Name == b.Name && a.Kind < b.Kind)
		})
		for _, w := range ns.Workloads {
			ns.Totals.add(w)
			rep.Totals.add(w)
		}
		ns.Totals.percent()
		rep.Namespaces = append(rep.Namespaces, ns)
	}
	rep.Totals.percent()
	sort.Slice(rep.Namespaces, func(i, j int) bool { return rep.Namespaces[i].Name < rep.Namespaces[j].Name })
	return rep
}

func workload(g *graph.Graph, r *graph.Resource) *Workload {
	v := g.Injection(r)
	loc := r.Start()
	w := &Workload{Kind: r.Kind, Name: r.Name, File: loc.File, Line: loc.Start.Line, Mode: v.Mode, Cause: cause(r, v), Reason: v.Reason, Path: v.Path}
	if v.Decider != nil {
		w.Decider = v.Decider.String()
	}
	return w
}

// outsidePolicies are, per workload, the policies that apply to it: by
// selector (graph.EdgePolicyWorkload), or by a targetRef to a Service
// that selects it (graph.EdgeTargetRef, then the Service's workloads).
func outsidePolicies(g *graph.Graph) map[*graph.Resource][]string {
	out := map[*graph.Resource][]string{}
	add := func(policy *graph.Resource, ws []*graph.Workload) {
		name := policy.String()
		for _, w := range ws {
			if l := out[w.Resource]; len(l) == 0 || l[len(l)-1] != name {
				out[w.Resource] = append(l, name)
			}
		}
	}
	for _, e := range g.Edges(graph.EdgePolicyWorkload) {
		add(e.From, e.Workloads)
	}
	for _, e := range g.Edges(graph.EdgeTargetRef) {
		for _, svc := range e.To {
			for _, se := range g.EdgesFrom(svc, graph.EdgeServiceWorkload) {
				add(e.From, se.Workloads)
			}
		}
	}
	return out
}

func (t *Totals) add(w *Workload) {
	t.Workloads++
	switch w.Mode {
	case graph.ModeSidecar:
		t.Sidecar++
	case graph.ModeAmbient:
		t.Ambient++
	case graph.ModeOutside:
		t.Outside++
		if len(w.Policies) > 0 {
			t.OutsideWithPolicy++
		}
	default:
		t.Unknown++
	}
}

func (t *Totals) percent() {
	known := t.Workloads - t.Unknown
	if known == 0 {
		return
	}
	p := 100 * float64(t.Sidecar+t.Ambient) / float64(known)
	t.Percent = &p
}

// cause names what decided v, from the field that decided it: the
// verdict's reason is prose, the path is not.
func cause(r *graph.Resource, v graph.InjectionVerdict) string {
	p := v.Path
	switch {
	case v.Mode == graph.ModeUnknown && strings.Contains(v.Reason, "template"):
		return CauseTemplate
	case v.Mode == graph.ModeUnknown:
		return CauseNamespaceNotIn
	case v.Decider != nil && !v.Decider.Is(graph.KindNamespace) && v.Decider != r:
		return CauseMeshDefault
	case v.Decider == nil && v.Mode == graph.ModeSidecar:
		return CauseMeshDefault
	case strings.HasSuffix(p, "hostNetwork"):
		return CauseHostNetwork
	case p == "metadata.namespace":
		return CauseSystem
	case strings.Contains(p, graph.LabelDataplaneMode):
		return CauseAmbient
	case strings.Contains(p, graph.LabelRevision):
		return CauseRevisionLabel
	case strings.Contains(p, graph.LabelIstioInjection):
		return CauseNamespaceLabel
	case strings.Contains(p, "annotations") && strings.Contains(p, graph.LabelSidecarInject):
		return CausePodAnnotation
	case strings.Contains(p, graph.LabelSidecarInject):
		return CausePodLabel
	case v.Decider == r && v.Mode == graph.ModeSidecar:
		return CauseProxyInSpec
	}
	return CauseNoLabel
}
