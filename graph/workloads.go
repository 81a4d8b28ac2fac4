package graph

import "sort"

// Workload is something that runs pods: a Pod, or the pod template of a
// Deployment (StatefulSet, DaemonSet, ReplicaSet, Job, CronJob), implied
// ones included.
type Workload struct {
	Resource  *Resource
	Namespace string
	Name      string
	Labels    map[string]string
}

// Implied reports whether the workload is not in the files but implied.
func (w *Workload) Implied() bool { return w.Resource.Implied != "" }

func (w *Workload) String() string { return w.Resource.String() }

// Default ingress gateway of an Istio install, assumed unless switched off.
const (
	DefaultIngressNamespace = "istio-system"
	DefaultIngressName      = "istio-ingressgateway"
)

func collectWorkloads(g *Graph) []*Workload {
	var ws []*Workload
	for _, r := range g.All() {
		if r.Workload != nil {
			ws = append(ws, &Workload{Resource: r, Namespace: r.Namespace, Name: r.Name, Labels: r.Workload.Labels})
		}
	}
	return ws
}

// Workloads returns every workload, the implied ones last.
func (g *Graph) Workloads() []*Workload { return g.workloads }

// SelectorMatches reports whether labels satisfy every key=value of
// selector. An empty selector matches everything, as in Kubernetes.
func SelectorMatches(selector, labels map[string]string) bool {
	for k, v := range selector {
		if lv, ok := labels[k]; !ok || lv != v {
			return false
		}
	}
	return true
}

// workloadIndex finds workloads by selector without scanning all of them:
// it starts from the rarest key=value pair of the selector, within the
// namespace when the selector is namespaced, so that a Service selecting
// app=x looks at its own namespace's app=x workloads, not every one.
type workloadIndex struct {
	all      []*Workload
	byPair   map[labelPair][]*Workload // namespace ""
	byNS     map[string][]*Workload
	byNSPair map[labelPair][]*Workload
}

// labelPair is a key=value label, in a namespace or (ns "") in any.
type labelPair struct{ ns, key, value string }

func newWorkloadIndex(ws []*Workload) *workloadIndex {
	ix := &workloadIndex{all: ws, byPair: map[labelPair][]*Workload{}, byNS: map[string][]*Workload{}, byNSPair: map[labelPair][]*Workload{}}
	for _, w := range ws {
		ix.byNS[w.Namespace] = append(ix.byNS[w.Namespace], w)
		for k, v := range w.Labels {
			anyNS, inNS := labelPair{"", k, v}, labelPair{w.Namespace, k, v}
			ix.byPair[anyNS] = append(ix.byPair[anyNS], w)
			ix.byNSPair[inNS] = append(ix.byNSPair[inNS], w)
		}
	}
	return ix
}

// match returns the workloads selected by selector, restricted to
// namespace ns unless ns is anyNamespace.
func (ix *workloadIndex) match(selector map[string]string, ns string, anyNamespace bool) []*Workload {
	candidates, pairs := ix.all, ix.byPair
	if !anyNamespace {
		candidates, pairs = ix.byNS[ns], ix.byNSPair
	} else {
		ns = ""
	}
	for k, v := range selector {
		if list := pairs[labelPair{ns, k, v}]; len(list) < len(candidates) {
			candidates = list
		}
	}
	var out []*Workload
	for _, w := range candidates {
		if SelectorMatches(selector, w.Labels) {
			out = append(out, w)
		}
	}
	return out
}

// Injection modes of a namespace.
const (
	InjectionNone     = ""         // no injection label at all
	InjectionSidecar  = "sidecar"  // istio-injection=enabled or istio.io/rev
	InjectionAmbient  = "ambient"  // istio.io/dataplane-mode=ambient
	InjectionDisabled = "disabled" // explicitly opted out (istio-injection=disabled, dataplane-mode=none)
)

// Injection labels on a Namespace.
const (
	LabelIstioInjection = "istio-injection"
	LabelRevision       = "istio.io/rev"
	LabelDataplaneMode  = "istio.io/dataplane-mode"
)

// NamespaceInjection says how a Namespace object asks to join the mesh.
// Ambient wins over an istio-injection label other than enabled (a
// namespace moved to ambient keeps istio-injection=disabled), not over a
// revision label.
func NamespaceInjection(ns *Resource) string {
	l := ns.Labels
	switch {
	case l[LabelIstioInjection] == "enabled":
		return InjectionSidecar
	case l[LabelDataplaneMode] == "ambient" && l[LabelRevision] == "":
		return InjectionAmbient
	case l[LabelIstioInjection] != "":
		return InjectionDisabled
	case l[LabelRevision] != "":
		return InjectionSidecar
	case l[LabelDataplaneMode] != "":
		return InjectionDisabled
	}
	return InjectionNone
}

// sortedKeys returns the keys of a map in order.
func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// SelectorString renders a selector as "k=v,k2=v2" in key order.
func SelectorString(selector map[string]string) string {
	s := ""
	for i, k := range sortedKeys(selector) {
		if i > 0 {
			s += ","
		}
		s += k + "=" + selector[k]
	}
	return s
}

// IsControlPlane reports Istio's own components by their labels, as
// istioctl does: any "istio" label, or release=istio.
func IsControlPlane(labels map[string]string) bool {
	_, istio := labels["istio"]
	return istio || labels["release"] == "istio"
}

// PodRunAs is what a pod spec says about the user its processes run as:
// securityContext.runAsUser at pod level and per container (init
// containers are left out: nothing reads them yet).
type PodRunAs struct {
	Pod        *int64 // nil when not written or not a whole number
	Containers []ContainerRunAs
}

// ContainerRunAs is one entry of the pod spec's containers list.
type ContainerRunAs struct {
	Index     int    // position in spec.containers
	Name      string // "" when not written
	RunAsUser *int64
}

func decodeRunAs(podSpec map[string]any) PodRunAs {
	sc, _ := podSpec["securityContext"].(map[string]any)
	out := PodRunAs{Pod: wholeNumber(sc["runAsUser"])}
	containers, _ := podSpec["containers"].([]any)
	for i, c := range containers {
		cm, _ := c.(map[string]any)
		name, _ := cm["name"].(string)
		csc, _ := cm["securityContext"].(map[string]any)
		out.Containers = append(out.Containers, ContainerRunAs{Index: i, Name: name, RunAsUser: wholeNumber(csc["runAsUser"])})
	}
	return out
}

// wholeNumber reads a YAML integer, which the loader gives as int64 or, for
// forms such as 1e3, as a whole float64; anything else is nil.
func wholeNumber(v any) *int64 {
	switch v := v.(type) {
	case int64:
		return &v
	case float64:
		if n := int64(v); float64(n) == v {
			return &n
		}
	}
	return nil
}
