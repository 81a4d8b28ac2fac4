package graph

import (
	"path"
	"slices"
)

// Values of istio.io/dataplane-mode the ambient CNI reads.
const (
	DataplaneAmbient = "ambient"
	DataplaneNone    = "none"
)

// Labels that attach Services, ServiceEntries, workloads and namespaces
// to a waypoint, and the one that says what traffic a waypoint takes.
const (
	LabelUseWaypoint          = "istio.io/use-waypoint"
	LabelUseWaypointNamespace = "istio.io/use-waypoint-namespace"
	LabelWaypointFor          = "istio.io/waypoint-for"
)

// What traffic a waypoint takes (istio.io/waypoint-for); service when
// neither the Gateway nor its GatewayClass says.
const (
	WaypointForService  = "service"
	WaypointForWorkload = "workload"
	WaypointForAll      = "all"
	WaypointForNone     = "none"
)

// WaypointClass is the GatewayClass Istio installs for waypoints.
const WaypointClass = "istio-waypoint"

// gatewayClassKind is the Gateway API GatewayClass (cluster-scoped).
// The Gateway API views, built beside these, name it too: one of the two
// goes when both are merged.
var gatewayClassKind = GroupKind{GroupGatewayAPI, "GatewayClass"}

// EdgeUseWaypoint: istio.io/use-waypoint on a Namespace, Service,
// ServiceEntry or pod template → the Gateway API Gateway it names (in the
// namespace istio.io/use-waypoint-namespace names, else its own). The
// value "none" opts out and makes no edge.
const EdgeUseWaypoint EdgeKind = "use-waypoint"

// UseWaypointKinds are the kinds whose istio.io/use-waypoint label Istio reads.
var UseWaypointKinds = []GroupKind{KindNamespace, KindService, KindServiceEntry}

// WaypointUse is what a resource's labels say about its waypoint.
type WaypointUse struct {
	Name, Namespace string
	// Path is the field path of the use-waypoint label.
	Path string
	// NamespacePath is that of use-waypoint-namespace ("" when not written).
	NamespacePath string
	None          bool // the value "none": opts out of the namespace's waypoint
}

// UseWaypoint reads the use-waypoint labels of r (a pod template's for a
// workload); ok is false when r has none or it holds a placeholder.
func UseWaypoint(r *Resource) (use WaypointUse, ok bool) {
	if r.Workload == nil && !slices.Contains(UseWaypointKinds, r.GroupKind()) {
		return use, false
	}
	labels := waypointLabels(r)
	name, set := labels[LabelUseWaypoint]
	ns, nsSet := labels[LabelUseWaypointNamespace]
	if !set || name == "" || HasPlaceholder(name) || HasPlaceholder(ns) {
		return use, false
	}
	base := "metadata.labels"
	if r.Workload != nil {
		base = JoinPath(r.Workload.TemplatePath, "metadata", "labels")
	}
	use = WaypointUse{Name: name, Namespace: r.namespaceOrName(), Path: JoinPath(base, LabelUseWaypoint), None: name == DataplaneNone}
	if nsSet && ns != "" {
		use.Namespace, use.NamespacePath = ns, JoinPath(base, LabelUseWaypointNamespace)
	}
	return use, true
}

// namespaceOrName is the namespace r lives in, or its name for a Namespace.
func (r *Resource) namespaceOrName() string {
	if r.Is(KindNamespace) {
		return r.Name
	}
	return r.Namespace
}

// useWaypointEdge links a use-waypoint label to the Gateway it names;
// any Gateway API Gateway can serve as a waypoint (an ingress gateway
// too), so the class is not checked here.
func (g *Graph) useWaypointEdge(r *Resource) *Edge {
	use, ok := UseWaypoint(r)
	if !ok || use.None || r.Implied != "" {
		return nil
	}
	target := use.Namespace + "/" + use.Name
	e := &Edge{Kind: EdgeUseWaypoint, From: r, Path: use.Path, Ref: use.Name, Target: target}
	if gw := g.Get(Key{KindK8sGateway, use.Namespace, use.Name}); gw != nil {
		e.To = []*Resource{gw}
	} else {
		e.External = g.isExternalGateway(target)
	}
	return e
}

// isExternalGateway reports whether "ns/name" is declared in externals.gateways.
func (g *Graph) isExternalGateway(target string) bool {
	for _, pattern := range g.opts.Externals.Gateways {
		if ok, _ := path.Match(pattern, target); ok {
			return true
		}
	}
	return false
}

// WaypointFor is the traffic a Gateway takes as a waypoint, and who says:
// its istio.io/waypoint-for label, else its GatewayClass's (when in the
// files), else the default, service (Decider nil).
type WaypointFor struct {
	For     string
	Decider *Resource
	Path    string
}

// WaypointTraffic reads what traffic the Gateway gw takes as a waypoint.
func (g *Graph) WaypointTraffic(gw *Resource) WaypointFor {
	labelPath := JoinPath("metadata", "labels", LabelWaypointFor)
	if v, ok := gw.Labels[LabelWaypointFor]; ok {
		return WaypointFor{For: v, Decider: gw, Path: labelPath}
	}
	if class := g.Get(Key{gatewayClassKind, "", gatewayClassName(gw)}); class != nil {
		if v, ok := class.Labels[LabelWaypointFor]; ok {
			return WaypointFor{For: v, Decider: class, Path: labelPath}
		}
	}
	return WaypointFor{For: WaypointForService}
}

// Covers reports whether a waypoint taking traffic f serves a user of
// kind: Services and ServiceEntries need service traffic, workloads
// workload traffic.
func (f WaypointFor) Covers(user *Resource) bool {
	want := WaypointForService
	if user.Workload != nil {
		want = WaypointForWorkload
	}
	return f.For == want || f.For == WaypointForAll
}

// gatewayClassName is a Gateway API Gateway's spec.gatewayClassName.
func gatewayClassName(gw *Resource) string {
	spec, _ := gw.Object["spec"].(map[string]any)
	class, _ := spec["gatewayClassName"].(string)
	return class
}

// annotationInboundBinding on a GatewayClass moves a waypoint's inbound
// listener off HBONE port 15008.
const annotationInboundBinding = "ambient.istio.io/waypoint-inbound-binding"

// WaypointAdmits reports whether the waypoint gw lets resources of
// namespace ns attach to it, as Istio reads its HBONE listener (port
// 15008): allowedRoutes.namespaces.from Same (the default, also without
// such a listener), All, or Selector against ns's labels. known is false
// when the files cannot tell: a Selector with expressions or placeholders,
// ns not in the files, or a GatewayClass that binds another listener.
// path is the field that decides ("" for the default).
func (g *Graph) WaypointAdmits(gw *Resource, ns string) (admits, known bool, path string) {
	if class := g.Get(Key{gatewayClassKind, "", gatewayClassName(gw)}); class != nil && class.Annotations[annotationInboundBinding] != "" {
		return false, false, ""
	}
	from, selector, path := hboneAllowedNamespaces(gw)
	switch from {
	case "All":
		return true, true, path
	case "Selector":
		labels, ok := selector["matchLabels"].(map[string]any)
		_, exprs := selector["matchExpressions"]
		target := g.Namespace(ns)
		if exprs || target == nil || (!ok && len(selector) > 0) {
			return false, false, path
		}
		want := map[string]string{}
		for k, v := range labels {
			s, isString := v.(string)
			if !isString || HasPlaceholder(s) {
				return false, false, path
			}
			want[k] = s
		}
		return SelectorMatches(want, target.Labels), true, path
	case "", "Same":
		return gw.Namespace == ns, true, path
	}
	return false, false, path
}

// hboneAllowedNamespaces reads allowedRoutes.namespaces of gw's HBONE
// listener on port 15008: from, its selector, and the path of from.
func hboneAllowedNamespaces(gw *Resource) (from string, selector map[string]any, path string) {
	spec, _ := gw.Object["spec"].(map[string]any)
	listeners, _ := spec["listeners"].([]any)
	for i, l := range listeners {
		lm, _ := l.(map[string]any)
		if p, _ := lm["protocol"].(string); p != "HBONE" || intValue(lm["port"]) != 15008 {
			continue
		}
		allowed, _ := lm["allowedRoutes"].(map[string]any)
		namespaces, _ := allowed["namespaces"].(map[string]any)
		from, _ = namespaces["from"].(string)
		selector, _ = namespaces["selector"].(map[string]any)
		path = JoinPath(IndexPath("spec.listeners", i), "allowedRoutes", "namespaces", "from")
		if from == "" {
			path = IndexPath("spec.listeners", i)
		}
		return from, selector, path
	}
	return "", nil, ""
}

// ambientEdges are the use-waypoint and targetRef edges from r.
func (g *Graph) ambientEdges(r *Resource) []*Edge {
	out := g.targetRefEdges(r)
	if e := g.useWaypointEdge(r); e != nil {
		out = append(out, e)
	}
	return out
}

// ambientEdgeInputs are the kinds the ambient edges are built from.
func ambientEdgeInputs(k EdgeKind) []GroupKind {
	if k == EdgeUseWaypoint {
		return append(append(slices.Clone(UseWaypointKinds), KindK8sGateway), WorkloadKinds()...)
	}
	return append(slices.Clone(TargetRefKinds), TargetRefTargetKinds...)
}

// WaypointInputs are the kinds the waypoint views read beside the Gateway:
// GatewayClasses (waypoint-for, inbound binding) and Namespaces (allowed
// namespaces by selector).
func WaypointInputs() []GroupKind {
	return []GroupKind{KindK8sGateway, gatewayClassKind, KindNamespace}
}

// WaypointInEffect is the use-waypoint edge that applies to r: its own
// label's, else its Namespace's (Istio reads the namespace's only when
// the resource has no label; "none" on the resource opts out). known is
// false when r has no label and its Namespace is not in the files, or a
// label holds a placeholder.
func (g *Graph) WaypointInEffect(r *Resource) (e *Edge, known bool) {
	for _, holder := range []*Resource{r, g.Namespace(r.Namespace)} {
		if holder == nil {
			return nil, false
		}
		if _, labelled := waypointLabels(holder)[LabelUseWaypoint]; !labelled {
			continue
		}
		if use, ok := UseWaypoint(holder); !ok || use.None {
			return nil, ok
		}
		if edges := g.EdgesFrom(holder, EdgeUseWaypoint); len(edges) > 0 {
			return edges[0], true
		}
		return nil, false
	}
	return nil, true
}

// waypointLabels are the labels Istio reads use-waypoint from.
func waypointLabels(r *Resource) map[string]string {
	if r.Workload != nil {
		return r.Workload.Labels
	}
	return r.Labels
}
