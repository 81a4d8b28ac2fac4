package graph

import (
	"slices"
	"sort"
	"sync"
)

// PolicyOverlap is a workload that several policies of one kind select by
// workload selector, in their namespace; Istio applies only one of them.
type PolicyOverlap struct {
	Workload *Workload
	Policies []*Resource
}

// PolicyOverlaps lists, in workload order, the workloads that more than
// one policy of kind selects through its selector (EdgePolicyWorkload).
// Implied and shadowed policies (a second copy of the same resource) and
// implied workloads are left out.
func (g *Graph) PolicyOverlaps(kind GroupKind) []PolicyOverlap {
	by := map[*Workload][]*Resource{}
	var order []*Workload
	for _, e := range g.Edges(EdgePolicyWorkload) {
		r := e.From
		if !r.Is(kind) || e.NamespaceWide() || r.Implied != "" || r.ShadowedBy != nil {
			continue
		}
		for _, w := range e.Workloads {
			if w.Implied() || slices.Contains(by[w], r) {
				continue
			}
			if by[w] == nil {
				order = append(order, w)
			}
			by[w] = append(by[w], r)
		}
	}
	var out []PolicyOverlap
	for _, w := range order {
		if len(by[w]) > 1 {
			out = append(out, PolicyOverlap{Workload: w, Policies: by[w]})
		}
	}
	return out
}

// NamespaceDefaultPolicies groups, by namespace in name order, the
// policies of kind that neither select workloads nor attach by
// targetRef(s): each applies to every workload of its namespace (of the
// mesh, from the root namespace), and Istio takes only one per namespace.
// Implied and shadowed resources are left out.
func (g *Graph) NamespaceDefaultPolicies(kind GroupKind) [][]*Resource {
	by := map[string][]*Resource{}
	for _, r := range g.OfKind(kind) {
		if r.Implied != "" || r.ShadowedBy != nil || r.Spec == nil || attachedByTargetRef(r) {
			continue
		}
		if sel, _ := PolicySelector(r); sel == nil {
			by[r.Namespace] = append(by[r.Namespace], r)
		}
	}
	namespaces := make([]string, 0, len(by))
	for ns := range by {
		namespaces = append(namespaces, ns)
	}
	sort.Strings(namespaces)
	out := make([][]*Resource, 0, len(namespaces))
	for _, ns := range namespaces {
		out = append(out, by[ns])
	}
	return out
}

// attachedByTargetRef reports whether a policy names what it applies to
// with targetRef or targetRefs.
func attachedByTargetRef(r *Resource) bool {
	if s, ok := r.Spec.(targetRefSpec); ok && s.GetTargetRef() != nil {
		return true
	}
	s, ok := r.Spec.(targetRefsSpec)
	return ok && len(s.GetTargetRefs()) > 0
}

// WorkloadsShownIn reports whether the files define a workload (not an
// implied one) in namespace ns, or in any namespace when ns is "". Only
// then does a selector that matches nothing there say something: where the
// files hold no workload of a namespace, they are simply elsewhere.
func (g *Graph) WorkloadsShownIn(ns string) bool {
	ix := &g.shownWorkloads
	ix.once.Do(func() {
		ix.namespaces = map[string]bool{}
		for _, w := range g.workloads {
			if !w.Implied() {
				ix.namespaces[w.Namespace] = true
			}
		}
	})
	if ns == "" {
		return len(ix.namespaces) > 0
	}
	return ix.namespaces[ns]
}

// shownWorkloadIndex holds the namespaces of the files' workloads.
type shownWorkloadIndex struct {
	once       sync.Once
	namespaces map[string]bool
}

// UnmatchedPolicySelectors lists the selector edges of the policies of
// kind whose selector matches no workload, in namespaces whose workloads
// the files show (any namespace for a policy that selects across the mesh
// from the root namespace). Implied policies and selectors holding a
// template placeholder are left out.
func (g *Graph) UnmatchedPolicySelectors(kind GroupKind) []*Edge {
	var out []*Edge
	for _, e := range g.Edges(EdgePolicyWorkload) {
		r := e.From
		if !r.Is(kind) || e.NamespaceWide() || e.Resolved() || r.Implied != "" || HasPlaceholder(e.Target) {
			continue
		}
		ns := r.Namespace
		if r.Namespace == g.opts.Mesh.RootNamespace && !r.Is(KindSidecar) && !r.Is(KindTelemetry) {
			ns = ""
		}
		if g.WorkloadsShownIn(ns) {
			out = append(out, e)
		}
	}
	return out
}

// SelectedElsewhere returns a workload of another namespace that a
// policy's selector would match, for messages: a namespaced selector
// looks in its own namespace only. Nil when there is none.
func (g *Graph) SelectedElsewhere(r *Resource) *Workload {
	sel, _ := PolicySelector(r)
	if sel == nil {
		return nil
	}
	for _, w := range g.workloads {
		if w.Namespace != r.Namespace && !w.Implied() && SelectorMatches(sel, w.Labels) {
			return w
		}
	}
	return nil
}
