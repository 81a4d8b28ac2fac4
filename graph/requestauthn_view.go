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
// or with a selector w's labels meet. One attached by targetRef(s) is
// listed too: whether its target is w's gateway is not decided here.
func (g *Graph) RequestAuthenticationsOf(w *Workload) []*Resource {
	var out []*Resource
	for _, r := range g.OfKind(KindRequestAuthentication) {
		ra := r.RequestAuthentication()
		if ra == nil || (r.Namespace != w.Namespace && r.Namespace != g.opts.Mesh.RootNamespace) {
			continue
		}
		sel := ra.GetSelector().GetMatchLabels()
		if ra.GetTargetRef() != nil || len(ra.GetTargetRefs()) > 0 || len(sel) == 0 || SelectorMatches(sel, w.Labels) {
			out = append(out, r)
		}
	}
	return out
}
