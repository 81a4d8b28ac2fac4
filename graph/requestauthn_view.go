package graph

import security "istio.io/api/security/v1beta1"

// RequestAuthentication returns the typed spec of a RequestAuthentication.
func (r *Resource) RequestAuthentication() *security.RequestAuthentication {
	s, _ := r.Spec.(*security.RequestAuthentication)
	return s
}

// RequestAuthenticationsOf lists the RequestAuthentications of the files
// that may apply to workload w: in w's namespace or the root namespace,
// without selector (the whole namespace, or the mesh from the root one)
// or with a selector that picks w (its policy-workload edge). One
// attached by targetRef(s) is listed too: whether its target is w's
// gateway is not decided here.
func (g *Graph) RequestAuthenticationsOf(w *Workload) []*Resource {
	var out []*Resource
	for _, r := range g.OfKind(KindRequestAuthentication) {
		ra := r.RequestAuthentication()
		if ra == nil || (r.Namespace != w.Namespace && r.Namespace != g.opts.Mesh.RootNamespace) {
			continue
		}
		if sel, _ := PolicySelector(r); sel == nil || g.edgeSelects(r, w) {
			out = append(out, r)
		}
	}
	return out
}

// edgeSelects reports whether the policy-workload edge of r picks w.
func (g *Graph) edgeSelects(r *Resource, w *Workload) bool {
	for _, e := range g.EdgesFrom(r, EdgePolicyWorkload) {
		for _, x := range e.Workloads {
			if x == w {
				return true
			}
		}
	}
	return false
}
