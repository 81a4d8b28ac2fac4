package graph

import (
	"slices"

	networking "istio.io/api/networking/v1alpha3"
	typev1beta1 "istio.io/api/type/v1beta1"
)

// PolicySelectorKinds are the kinds that apply to the workloads their
// selector matches (EdgePolicyWorkload).
var PolicySelectorKinds = []GroupKind{KindAuthorizationPolicy, KindPeerAuthentication, KindRequestAuthentication,
	KindTelemetry, KindWasmPlugin, KindSidecar, KindEnvoyFilter}

// Accessors the typed specs of those kinds share.
type (
	matchLabelsSpec interface {
		GetSelector() *typev1beta1.WorkloadSelector
	}
	labelsSelectorSpec interface {
		GetWorkloadSelector() *networking.WorkloadSelector
	}
	targetRefSpec interface {
		GetTargetRef() *typev1beta1.PolicyTargetReference
	}
	targetRefsSpec interface {
		GetTargetRefs() []*typev1beta1.PolicyTargetReference
	}
)

// PolicySelector returns the workload selector of a policy and its field
// path; nil when it has none (it applies namespace-wide) or attaches by
// targetRef(s) instead, which Istio then follows alone.
func PolicySelector(r *Resource) (map[string]string, string) {
	if !slices.Contains(PolicySelectorKinds, r.GroupKind()) || r.Spec == nil {
		return nil, ""
	}
	if s, ok := r.Spec.(targetRefSpec); ok && s.GetTargetRef() != nil {
		return nil, ""
	}
	if s, ok := r.Spec.(targetRefsSpec); ok && len(s.GetTargetRefs()) > 0 {
		return nil, ""
	}
	var labels map[string]string
	path := "spec.selector"
	switch s := r.Spec.(type) {
	case matchLabelsSpec:
		labels = s.GetSelector().GetMatchLabels()
	case labelsSelectorSpec:
		labels, path = s.GetWorkloadSelector().GetLabels(), "spec.workloadSelector"
	}
	if len(labels) == 0 {
		return nil, ""
	}
	return labels, path
}

// policyWorkloadEdge links a policy's selector to the workloads of its
// namespace it matches; a policy in the root namespace applies to those
// of every namespace, except a Sidecar or Telemetry (Istio looks those
// with a selector up in the workload's namespace only).
func (g *Graph) policyWorkloadEdge(r *Resource, workloads *workloadIndex) *Edge {
	sel, path := PolicySelector(r)
	if sel == nil {
		return g.namespaceAuthorizationEdge(r, workloads)
	}
	anyNamespace := r.Namespace == g.opts.Mesh.RootNamespace && !r.Is(KindSidecar) && !r.Is(KindTelemetry)
	return &Edge{Kind: EdgePolicyWorkload, From: r, Path: path, Target: SelectorString(sel),
		Workloads: workloads.match(sel, r.Namespace, anyNamespace)}
}

// namespaceAuthorizationEdge links an AuthorizationPolicy without
// selector to every workload of its namespace, or of every namespace from
// the root namespace. One attached by targetRef(s) applies to Gateway API
// gateways and waypoints only, never to a sidecar: it gets no edge.
func (g *Graph) namespaceAuthorizationEdge(r *Resource, workloads *workloadIndex) *Edge {
	ap := r.AuthorizationPolicy()
	if !r.Is(KindAuthorizationPolicy) || ap == nil || ap.GetTargetRef() != nil || len(ap.GetTargetRefs()) > 0 {
		return nil
	}
	mesh := r.Namespace == g.opts.Mesh.RootNamespace
	e := &Edge{Kind: EdgePolicyWorkload, From: r, Path: "metadata.namespace", Ref: r.Namespace, Target: r.Namespace,
		Workloads: workloads.match(nil, r.Namespace, mesh)}
	if mesh {
		e.Target = "*"
	}
	return e
}

// NamespaceWide reports whether a policy edge is that of a policy without
// selector, which applies to its whole namespace.
func (e *Edge) NamespaceWide() bool {
	return e.Kind == EdgePolicyWorkload && e.Path == "metadata.namespace"
}
