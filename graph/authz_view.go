package graph

import security "istio.io/api/security/v1beta1"

// AuthorizationPolicy returns the typed spec of an AuthorizationPolicy.
func (r *Resource) AuthorizationPolicy() *security.AuthorizationPolicy {
	s, _ := r.Spec.(*security.AuthorizationPolicy)
	return s
}

// authorizationPolicyEdge links a policy to the workloads istiod attaches
// it to: those its selector matches in its namespace, every workload of
// the namespace without a selector, and in the root namespace the same in
// every namespace. A policy with targetRefs attaches to Gateway API
// gateways and waypoints only, never to a sidecar: it gets no edge.
func (g *Graph) authorizationPolicyEdge(r *Resource, workloads *workloadIndex) *Edge {
	ap := r.AuthorizationPolicy()
	if ap.GetTargetRef() != nil || len(ap.GetTargetRefs()) > 0 {
		return nil
	}
	sel := ap.GetSelector().GetMatchLabels()
	mesh := r.Namespace == g.opts.Mesh.RootNamespace
	e := &Edge{Kind: EdgeAuthorizationPolicyWorkload, From: r, Path: "spec.selector", Target: SelectorString(sel),
		Workloads: workloads.match(sel, r.Namespace, mesh)}
	if len(sel) == 0 {
		e.Path, e.Ref, e.Target = "metadata.namespace", r.Namespace, r.Namespace
		if mesh {
			e.Target = "*"
		}
	}
	return e
}
