package graph

import "slices"

// Gateway API edges. Each carries the reference it was built from in
// Edge.API, defaults filled in.
const (
	// EdgeRouteParent: route spec.parentRefs[i] → the Gateway, ListenerSet,
	// Service or ServiceEntry (GAMMA mesh routing) it attaches to. Parent
	// kinds Istio does not handle get no edge: another controller's.
	EdgeRouteParent EdgeKind = "route-parent"
	// EdgeRouteBackend: route backendRefs (and requestMirror backends) →
	// the Service, or for kind Hostname of group networking.istio.io the
	// Services and ServiceEntries serving that host, as Istio resolves it.
	EdgeRouteBackend EdgeKind = "route-backend"
	// EdgeListenerSecret: a Gateway or ListenerSet listener's
	// tls.certificateRefs[j] of kind Secret → the Secret.
	EdgeListenerSecret EdgeKind = "listener-secret"
	// EdgeReferenceGrant: a cross-namespace backendRef or certificateRef →
	// the ReferenceGrants of the target namespace that permit it.
	EdgeReferenceGrant EdgeKind = "reference-grant"
	// EdgeGatewayClass: Gateway spec.gatewayClassName → the GatewayClass;
	// External for the classes istiod creates itself.
	EdgeGatewayClass EdgeKind = "gateway-class"
	// EdgeBackendTLSPolicyTarget: BackendTLSPolicy spec.targetRefs[i] → the Service.
	EdgeBackendTLSPolicyTarget EdgeKind = "backendtlspolicy-target"
)

// KindHostname is the backend kind through which Istio routes to any host
// of its registry, ServiceEntries included.
var KindHostname = GroupKind{GroupNetworking, "Hostname"}

// gatewayAPIEdges returns the Gateway API edges from r.
func (g *Graph) gatewayAPIEdges(r *Resource) []*Edge {
	var out []*Edge
	switch {
	case r.IsRoute():
		for _, ref := range r.RouteParentRefs() {
			if e := g.routeParentEdge(r, ref); e != nil {
				out = append(out, e)
			}
		}
		for _, ref := range r.RouteBackendRefs() {
			out = append(out, g.routeBackendEdge(r, ref))
			out = append(out, g.grantEdge(r, ref)...)
		}
	case r.Is(KindK8sGateway) || r.Is(KindListenerSet):
		out = append(out, g.gatewayClassEdge(r)...)
		for _, l := range r.GatewayListeners() {
			for _, ref := range l.CertificateRefs {
				out = append(out, g.listenerSecretEdge(r, ref)...)
				out = append(out, g.grantEdge(r, ref)...)
			}
		}
	case r.Is(KindBackendTLSPolicy):
		spec, _ := r.Object["spec"].(map[string]any)
		for _, ref := range refList(r, "spec.targetRefs", spec["targetRefs"], KindService) {
			e := &Edge{Kind: EdgeBackendTLSPolicyTarget, From: r, Path: ref.Path, Ref: ref.Name, Target: ref.NamespacedName(), API: ref}
			if ref.GroupKind() == KindService {
				e.To = g.present(Key{KindService, r.Namespace, ref.Name})
			}
			out = append(out, e)
		}
	}
	return out
}

// present is the resource of key k as a target list: empty when absent.
func (g *Graph) present(k Key) []*Resource {
	if t := g.Get(k); t != nil {
		return []*Resource{t}
	}
	return nil
}

// parentKinds are the parent kinds Istio binds routes to.
var parentKinds = []GroupKind{KindK8sGateway, KindListenerSet, KindService, KindServiceEntry}

func (g *Graph) routeParentEdge(r *Resource, ref APIRef) *Edge {
	if !slices.Contains(parentKinds, ref.GroupKind()) {
		return nil
	}
	e := &Edge{Kind: EdgeRouteParent, From: r, Path: ref.Path, Ref: ref.Name, Target: ref.NamespacedName(), API: ref}
	e.To = g.present(Key{ref.GroupKind(), ref.Namespace, ref.Name})
	if len(e.To) == 0 && ref.GroupKind() == KindK8sGateway {
		e.External = g.isExternalGateway(e.Target)
	}
	return e
}

func (g *Graph) routeBackendEdge(r *Resource, ref APIRef) *Edge {
	e := &Edge{Kind: EdgeRouteBackend, From: r, Path: ref.Path, Ref: ref.Name, Target: ref.NamespacedName(), API: ref}
	switch ref.GroupKind() {
	case KindService:
		e.Target = FQDN(ref.Name, ref.Namespace, g.opts.ClusterDomain)
		e.To = g.present(Key{KindService, ref.Namespace, ref.Name})
	case KindHostname:
		e.Target = ref.Name
		e.Hosts = g.ResolveHost(ref.Name, r.Namespace, nil)
		for _, h := range e.Hosts {
			if !slices.Contains(e.To, h.Resource) {
				e.To = append(e.To, h.Resource)
			}
		}
	default:
		return e
	}
	e.External = len(e.To) == 0 && g.isExternalHost(e.Target)
	return e
}

func (g *Graph) listenerSecretEdge(gw *Resource, ref APIRef) []*Edge {
	if ref.GroupKind() != KindSecret {
		return nil
	}
	e := &Edge{Kind: EdgeListenerSecret, From: gw, Path: ref.Path, Ref: ref.Name, Target: ref.NamespacedName(), API: ref}
	e.To = g.present(Key{KindSecret, ref.Namespace, ref.Name})
	return []*Edge{e}
}

func (g *Graph) gatewayClassEdge(gw *Resource) []*Edge {
	spec, _ := gw.Object["spec"].(map[string]any)
	class, ok := spec["gatewayClassName"].(string)
	if !ok || !gw.Is(KindK8sGateway) {
		return nil
	}
	e := &Edge{Kind: EdgeGatewayClass, From: gw, Path: "spec.gatewayClassName", Ref: class, Target: class}
	e.To = g.present(Key{KindGatewayClass, "", class})
	e.External = len(e.To) == 0 && slices.Contains(IstioGatewayClasses, class)
	return []*Edge{e}
}

// grantEdge is the edge from a cross-namespace reference to the
// ReferenceGrants permitting it; none for a same-namespace reference.
func (g *Graph) grantEdge(from *Resource, ref APIRef) []*Edge {
	if !ref.NamespaceSet || ref.Namespace == from.Namespace || ref.Templated {
		return nil
	}
	e := &Edge{Kind: EdgeReferenceGrant, From: from, Path: ref.Path, Ref: ref.Name, Target: ref.Kind + " " + ref.NamespacedName(), API: ref}
	for _, grant := range g.OfKind(KindReferenceGrant) {
		if grant.ShadowedBy == nil && grant.Namespace == ref.Namespace && grantPermits(grant, from, ref) {
			e.To = append(e.To, grant)
		}
	}
	return []*Edge{e}
}

// grantPermits reports whether grant (in the target's namespace) lets
// from refer to ref: a from entry names from's group, kind and namespace,
// and a to entry ref's group and kind, and its name when it sets one.
func grantPermits(grant *Resource, from *Resource, ref APIRef) bool {
	spec, _ := grant.Object["spec"].(map[string]any)
	fromOK := slices.ContainsFunc(asMaps(spec["from"]), func(m map[string]any) bool {
		return m["group"] == from.Group && m["kind"] == from.Kind && m["namespace"] == from.Namespace
	})
	return fromOK && slices.ContainsFunc(asMaps(spec["to"]), func(m map[string]any) bool {
		name, named := m["name"].(string)
		return m["group"] == ref.Group && m["kind"] == ref.Kind && (!named || name == "" || name == ref.Name)
	})
}

func asMaps(v any) []map[string]any {
	list, _ := v.([]any)
	var out []map[string]any
	for _, it := range list {
		if m, ok := it.(map[string]any); ok {
			out = append(out, m)
		}
	}
	return out
}

// gatewayAPIEdgeInputs are the kinds the Gateway API edges are built from
// (see EdgeInputs); nil for other edge kinds.
func gatewayAPIEdgeInputs(k EdgeKind) []GroupKind {
	switch k {
	case EdgeRouteParent:
		return append(slices.Clone(RouteKinds), parentKinds...)
	case EdgeRouteBackend:
		return append(slices.Clone(RouteKinds), KindService, KindServiceEntry, KindK8sGateway)
	case EdgeListenerSecret:
		return []GroupKind{KindK8sGateway, KindListenerSet, KindSecret}
	case EdgeReferenceGrant:
		return append(slices.Clone(RouteKinds), KindK8sGateway, KindListenerSet, KindReferenceGrant)
	case EdgeGatewayClass:
		return []GroupKind{KindK8sGateway, KindGatewayClass}
	case EdgeBackendTLSPolicyTarget:
		return []GroupKind{KindBackendTLSPolicy, KindService, KindK8sGateway}
	}
	return nil
}
