package graph

import (
	"slices"
	"strconv"

	"github.com/meshlint/meshlint/graph/fieldpath"
)

// Kubernetes Gateway API kinds beside the Gateway (KindK8sGateway). The
// graph keys kinds by group, so every served version (v1, v1beta1,
// v1alpha2, v1alpha3) is the same kind here.
var (
	KindGatewayClass     = GroupKind{GroupGatewayAPI, "GatewayClass"}
	KindListenerSet      = GroupKind{GroupGatewayAPI, "ListenerSet"}
	KindHTTPRoute        = GroupKind{GroupGatewayAPI, "HTTPRoute"}
	KindGRPCRoute        = GroupKind{GroupGatewayAPI, "GRPCRoute"}
	KindTCPRoute         = GroupKind{GroupGatewayAPI, "TCPRoute"}
	KindTLSRoute         = GroupKind{GroupGatewayAPI, "TLSRoute"}
	KindUDPRoute         = GroupKind{GroupGatewayAPI, "UDPRoute"}
	KindReferenceGrant   = GroupKind{GroupGatewayAPI, "ReferenceGrant"}
	KindBackendTLSPolicy = GroupKind{GroupGatewayAPI, "BackendTLSPolicy"}
)

// RouteKinds are the Gateway API route kinds, in the order rules report them.
var RouteKinds = []GroupKind{KindHTTPRoute, KindGRPCRoute, KindTCPRoute, KindTLSRoute, KindUDPRoute}

// IstioGatewayClasses are the GatewayClasses istiod creates itself (each
// behind its feature flag, the first always): a Gateway naming one needs
// no GatewayClass in the files.
var IstioGatewayClasses = []string{"istio", "istio-waypoint", "istio-east-west", "istio-remote", "istio-agentgateway", "istio-agentgateway-waypoint"}

// IsRoute reports whether r is a Gateway API route.
func (r *Resource) IsRoute() bool { return slices.Contains(RouteKinds, r.GroupKind()) }

// APIRef is a Gateway API object reference (parentRefs, backendRefs,
// certificateRefs, targetRefs) with the API's defaults filled in: an
// absent group and kind take the field's default, an absent namespace the
// referrer's.
type APIRef struct {
	Path        string // field path of the reference
	Group, Kind string
	Namespace   string
	Name        string
	SectionName string
	Port        int // 0 when not written
	// NamespaceSet is true when the reference writes its namespace.
	NamespaceSet bool
	// Templated is true when a field of the reference is a placeholder.
	Templated bool
}

// GroupKind returns the referenced kind.
func (a APIRef) GroupKind() GroupKind { return GroupKind{a.Group, a.Kind} }

// NamespacedName renders "namespace/name".
func (a APIRef) NamespacedName() string { return a.Namespace + "/" + a.Name }

// readAPIRef reads the reference at path of r; def is the kind an absent
// group and kind stand for.
func readAPIRef(r *Resource, path string, m map[string]any, def GroupKind) APIRef {
	ref := APIRef{Path: path, Group: def.Group, Kind: def.Kind, Namespace: r.Namespace}
	if g, ok := m["group"].(string); ok {
		ref.Group = g
	}
	if k, ok := m["kind"].(string); ok {
		ref.Kind = k
	}
	if ns, ok := m["namespace"].(string); ok && ns != "" {
		ref.Namespace, ref.NamespaceSet = ns, true
	}
	ref.Name, _ = m["name"].(string)
	ref.SectionName, _ = m["sectionName"].(string)
	ref.Port = intValue(m["port"])
	for _, v := range m {
		ref.Templated = ref.Templated || IsPlaceholderValue(v)
	}
	ref.Templated = ref.Templated || ref.Name == ""
	return ref
}

// refList reads the list of references at path.
func refList(r *Resource, path string, list any, def GroupKind) []APIRef {
	items, _ := list.([]any)
	var out []APIRef
	for i, it := range items {
		if m, ok := it.(map[string]any); ok {
			out = append(out, readAPIRef(r, fieldpath.Index(path, i), m, def))
		}
	}
	return out
}

// RouteParentRefs are a route's spec.parentRefs (default kind Gateway).
func (r *Resource) RouteParentRefs() []APIRef {
	spec, _ := r.Object["spec"].(map[string]any)
	return refList(r, "spec.parentRefs", spec["parentRefs"], KindK8sGateway)
}

// RouteHostnames are a route's spec.hostnames; nil when it has none
// (TCPRoute and UDPRoute never have any).
func (r *Resource) RouteHostnames() []string {
	spec, _ := r.Object["spec"].(map[string]any)
	list, _ := spec["hostnames"].([]any)
	var out []string
	for _, h := range list {
		if s, ok := h.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// RouteBackendRefs are every backend a route sends to: each rule's
// backendRefs and the backends of requestMirror filters, on the rule and
// on its backendRefs (default kind Service).
func (r *Resource) RouteBackendRefs() []APIRef {
	spec, _ := r.Object["spec"].(map[string]any)
	rules, _ := spec["rules"].([]any)
	var out []APIRef
	for i, rule := range rules {
		rm, _ := rule.(map[string]any)
		base := fieldpath.Index("spec.rules", i)
		out = append(out, mirrorRefs(r, base, rm)...)
		backends, _ := rm["backendRefs"].([]any)
		for j, b := range backends {
			bm, ok := b.(map[string]any)
			if !ok {
				continue
			}
			path := fieldpath.Index(JoinPath(base, "backendRefs"), j)
			out = append(out, readAPIRef(r, path, bm, KindService))
			out = append(out, mirrorRefs(r, path, bm)...)
		}
	}
	return out
}

// mirrorRefs are the requestMirror backends of the filters in m, at base.
func mirrorRefs(r *Resource, base string, m map[string]any) []APIRef {
	filters, _ := m["filters"].([]any)
	var out []APIRef
	for k, f := range filters {
		fm, _ := f.(map[string]any)
		mirror, _ := fm["requestMirror"].(map[string]any)
		if b, ok := mirror["backendRef"].(map[string]any); ok {
			path := JoinPath(fieldpath.Index(JoinPath(base, "filters"), k), "requestMirror", "backendRef")
			out = append(out, readAPIRef(r, path, b, KindService))
		}
	}
	return out
}

// Listener is one entry of a Gateway's (or ListenerSet's) spec.listeners.
type Listener struct {
	Owner    *Resource
	Index    int
	Path     string
	Name     string
	Port     int // 0 when not written (a ListenerSet may leave it out)
	Protocol string
	// Hostname is the listener's hostname, "" when it serves every host.
	Hostname string
	TLSMode  string // Terminate (the default when tls is set) or Passthrough
	// CertificateRefs are tls.certificateRefs (default kind Secret).
	CertificateRefs []APIRef
	// From is allowedRoutes.namespaces.from: Same (the default), All or Selector.
	From     string
	Selector LabelSelector
	// Kinds are allowedRoutes.kinds as written (nil: the protocol's kinds).
	Kinds []GroupKind
	// Templated is set when a field the graph matches on is a placeholder.
	Templated bool
}

// GatewayListeners reads the listeners of a Gateway or ListenerSet.
func (r *Resource) GatewayListeners() []Listener {
	spec, _ := r.Object["spec"].(map[string]any)
	list, _ := spec["listeners"].([]any)
	var out []Listener
	for i, it := range list {
		m, ok := it.(map[string]any)
		if !ok {
			continue
		}
		out = append(out, readListener(r, i, m))
	}
	return out
}

func readListener(r *Resource, i int, m map[string]any) Listener {
	l := Listener{Owner: r, Index: i, Path: fieldpath.Index("spec.listeners", i), From: "Same"}
	l.Name, _ = m["name"].(string)
	l.Port = intValue(m["port"])
	l.Protocol, _ = m["protocol"].(string)
	l.Hostname, _ = m["hostname"].(string)
	l.Templated = IsPlaceholderValue(m["port"]) || HasPlaceholder(l.Hostname) || HasPlaceholder(l.Name) || HasPlaceholder(l.Protocol)
	if tls, ok := m["tls"].(map[string]any); ok {
		l.TLSMode = "Terminate"
		if mode, ok := tls["mode"].(string); ok {
			l.TLSMode = mode
		}
		l.CertificateRefs = refList(r, JoinPath(l.Path, "tls", "certificateRefs"), tls["certificateRefs"], KindSecret)
	}
	allowed, _ := m["allowedRoutes"].(map[string]any)
	if ns, ok := allowed["namespaces"].(map[string]any); ok {
		if from, ok := ns["from"].(string); ok {
			l.From = from
		}
		l.Selector = parseLabelSelector(ns["selector"])
		l.Templated = l.Templated || l.Selector.Templated || HasPlaceholder(l.From)
	}
	kinds, _ := allowed["kinds"].([]any)
	for _, k := range kinds {
		km, _ := k.(map[string]any)
		gk := GroupKind{Group: GroupGatewayAPI}
		if g, ok := km["group"].(string); ok {
			gk.Group = g
		}
		gk.Kind, _ = km["kind"].(string)
		l.Kinds = append(l.Kinds, gk)
	}
	return l
}

// String names the listener as messages do: its name, or its index.
func (l Listener) String() string {
	if l.Name != "" {
		return strconv.Quote(l.Name)
	}
	return "#" + strconv.Itoa(l.Index)
}

// SupportedKinds are the route kinds Istio binds to the listener: those
// its protocol carries (HTTP and HTTPS: HTTPRoute, GRPCRoute; TCP:
// TCPRoute; TLS: TLSRoute, and TCPRoute when it terminates), narrowed to
// allowedRoutes.kinds when set. known is false for other protocols
// (HBONE of waypoints, UDP, a vendor's), which the graph does not judge.
func (l Listener) SupportedKinds() (kinds []GroupKind, known bool) {
	switch l.Protocol {
	case "HTTP", "HTTPS":
		kinds = []GroupKind{KindHTTPRoute, KindGRPCRoute}
	case "TCP":
		kinds = []GroupKind{KindTCPRoute}
	case "TLS":
		kinds = []GroupKind{KindTLSRoute}
		if l.TLSMode == "Terminate" {
			kinds = append(kinds, KindTCPRoute)
		}
	default:
		return nil, false
	}
	if len(l.Kinds) == 0 {
		return kinds, true
	}
	return slices.DeleteFunc(kinds, func(k GroupKind) bool { return !slices.Contains(l.Kinds, k) }), true
}
