package graph

import (
	"path"
	"path/filepath"
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

// WorkloadsShownBeside reports whether a file in the directory of r's
// file defines a workload (not an implied one) in namespace ns, or in any
// namespace when ns is "". Only then does a selector of r that matches
// nothing say something: the files next to a policy usually deploy what
// it is for, while workloads elsewhere in a large tree (or in the default
// namespace every document without one falls into) may be unrelated, and
// those of another repository are not there at all.
func (g *Graph) WorkloadsShownBeside(r *Resource, ns string) bool {
	if r.Doc == nil {
		return false
	}
	return g.shownWorkloadKeys()[path.Dir(filepath.ToSlash(r.Doc.File))+"\x00"+ns]
}

// WorkloadsShownIn reports whether any file defines a workload (not an
// implied one) in namespace ns.
func (g *Graph) WorkloadsShownIn(ns string) bool {
	return g.shownWorkloadKeys()["*\x00"+ns]
}

func (g *Graph) shownWorkloadKeys() map[string]bool {
	ix := &g.shownWorkloads
	ix.once.Do(func() {
		ix.keys = map[string]bool{}
		for _, w := range g.workloads {
			if !w.Implied() && w.Resource.Doc != nil {
				dir := path.Dir(filepath.ToSlash(w.Resource.Doc.File))
				for _, k := range []string{dir + "\x00" + w.Namespace, dir + "\x00", "*\x00" + w.Namespace, "*\x00"} {
					ix.keys[k] = true
				}
			}
		}
	})
	return ix.keys
}

// shownWorkloadIndex holds, per directory, the namespaces of the files'
// workloads.
type shownWorkloadIndex struct {
	once sync.Once
	keys map[string]bool // "dir\x00namespace" and "dir\x00"; "*" for any dir
}

// UnmatchedPolicySelectors lists the selector edges of the policies of
// kind whose selector matches no workload, where the files beside the
// policy show workloads of its namespace (of any namespace for a policy
// that selects across the mesh from the root namespace). Implied policies and selectors holding a
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
		if g.WorkloadsShownBeside(r, ns) {
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
