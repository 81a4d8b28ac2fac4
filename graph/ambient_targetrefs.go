package graph

import "slices"

// EdgeTargetRef: a policy's spec.targetRef or spec.targetRefs[i]
// (AuthorizationPolicy, RequestAuthentication, Telemetry, WasmPlugin,
// EnvoyFilter) → the Gateway API Gateway, GatewayClass, Service or
// ServiceEntry it attaches to. A GatewayClass Istio installs resolves as
// External; a kind Istio does not attach to resolves to nothing.
const EdgeTargetRef EdgeKind = "policy-targetref"

// TargetRefKinds are the policy kinds with targetRef(s).
var TargetRefKinds = []GroupKind{KindAuthorizationPolicy, KindRequestAuthentication, KindTelemetry, KindWasmPlugin, KindEnvoyFilter}

// TargetRefTargetKinds are the kinds Istio attaches policies to.
var TargetRefTargetKinds = []GroupKind{KindK8sGateway, gatewayClassKind, KindService, KindServiceEntry}

// TargetRef is one policy target reference, its group made canonical
// ("core" is the core group, "").
type TargetRef struct {
	Path                   string
	Group, Kind, Name      string
	Namespace              string // as written; Istio accepts only "" or the policy's
	Templated, Unsupported bool
}

// GroupKind returns the referenced kind.
func (t TargetRef) GroupKind() GroupKind { return GroupKind{t.Group, t.Kind} }

// IsGatewayClass reports whether t names a GatewayClass.
func (t TargetRef) IsGatewayClass() bool { return t.GroupKind() == gatewayClassKind }

// PolicyTargetRefs returns the target references of a policy, in field order.
func PolicyTargetRefs(r *Resource) []TargetRef {
	if !slices.Contains(TargetRefKinds, r.GroupKind()) || r.Spec == nil {
		return nil
	}
	var out []TargetRef
	if s, ok := r.Spec.(targetRefSpec); ok && s.GetTargetRef() != nil {
		t := s.GetTargetRef()
		out = append(out, newTargetRef("spec.targetRef", t.GetGroup(), t.GetKind(), t.GetName(), t.GetNamespace()))
	}
	if s, ok := r.Spec.(targetRefsSpec); ok {
		for i, t := range s.GetTargetRefs() {
			out = append(out, newTargetRef(IndexPath("spec.targetRefs", i), t.GetGroup(), t.GetKind(), t.GetName(), t.GetNamespace()))
		}
	}
	return out
}

func newTargetRef(path, group, kind, name, namespace string) TargetRef {
	if group == "core" {
		group = ""
	}
	t := TargetRef{Path: path, Group: group, Kind: kind, Name: name, Namespace: namespace}
	t.Templated = HasPlaceholder(group) || HasPlaceholder(kind) || HasPlaceholder(name) || HasPlaceholder(namespace)
	t.Unsupported = !slices.Contains(TargetRefTargetKinds, t.GroupKind())
	return t
}

// targetRefEdges links each target reference of policy r to what it names.
func (g *Graph) targetRefEdges(r *Resource) []*Edge {
	var out []*Edge
	for _, t := range PolicyTargetRefs(r) {
		ns := r.Namespace
		if t.GroupKind() == gatewayClassKind {
			ns = ""
		}
		e := &Edge{Kind: EdgeTargetRef, From: r, Path: t.Path, Ref: t.Name, Target: t.GroupKind().String() + " " + JoinNamespaced(ns, t.Name)}
		switch {
		case t.Unsupported || t.Templated:
		case g.Get(Key{t.GroupKind(), ns, t.Name}) != nil:
			e.To = []*Resource{g.Get(Key{t.GroupKind(), ns, t.Name})}
		case t.GroupKind() == gatewayClassKind:
			e.External = slices.Contains(installedGatewayClasses, t.Name)
		case t.GroupKind() == KindK8sGateway:
			e.External = g.isExternalGateway(ns + "/" + t.Name)
		}
		out = append(out, e)
	}
	return out
}

// installedGatewayClasses are the GatewayClasses istiod creates itself,
// which repositories do not define.
var installedGatewayClasses = []string{"istio", WaypointClass, "istio-remote", "istio-east-west", "istio-agentgateway", "istio-agentgateway-waypoint"}

// JoinNamespaced renders "ns/name", or name for a cluster-scoped object.
func JoinNamespaced(ns, name string) string {
	if ns == "" {
		return name
	}
	return ns + "/" + name
}
