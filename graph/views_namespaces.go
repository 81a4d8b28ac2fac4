package graph

import (
	"maps"
	"path"
	"slices"
	"strings"
	"sync"
)

// alwaysThere are namespaces every Kubernetes cluster has.
var alwaysThere = []string{"default", "kube-system", "kube-public", "kube-node-lease"}

// namespaceIndex holds the namespaces the input shows, built on first use.
type namespaceIndex struct {
	once    sync.Once
	objects bool            // some Namespace object is in the input
	used    map[string]bool // namespaces of resources and Namespace objects
}

func (g *Graph) namespaceIndex() *namespaceIndex {
	ix := &g.namespaces
	ix.once.Do(func() {
		ix.used = map[string]bool{}
		for _, r := range g.All() {
			if r.Is(KindNamespace) && r.Implied == "" {
				ix.objects = true
				ix.used[r.Name] = true
			}
			if r.Namespace != "" {
				ix.used[r.Namespace] = true
			}
		}
	})
	return ix
}

// NamespacesListed reports whether the input says which namespaces exist:
// it holds a Namespace object, or the config declares external ones.
// Otherwise a namespace missing from the files tells nothing.
func (g *Graph) NamespacesListed() bool {
	return g.namespaceIndex().objects || len(g.opts.Externals.Namespaces) > 0
}

// NamespaceKnown reports whether namespace ns exists as far as the input
// tells: a Namespace object or a resource in it, one declared in
// externals.namespaces (patterns as path.Match takes them), the mesh's
// root namespace, or one every cluster has.
func (g *Graph) NamespaceKnown(ns string) bool {
	if g.namespaceIndex().used[ns] || ns == g.opts.Mesh.RootNamespace || ns == DefaultIngressNamespace {
		return true
	}
	for _, n := range alwaysThere {
		if ns == n {
			return true
		}
	}
	for _, pattern := range g.opts.Externals.Namespaces {
		if ok, _ := path.Match(pattern, ns); ok {
			return true
		}
	}
	return false
}

// KnownNamespaces lists, sorted, the namespaces the input defines or has
// resources in, with those every cluster has and the mesh's root namespace
// (externals.namespaces patterns are not listed).
func (g *Graph) KnownNamespaces() []string {
	set := maps.Clone(g.namespaceIndex().used)
	for _, ns := range append([]string{g.opts.Mesh.RootNamespace, DefaultIngressNamespace}, alwaysThere...) {
		set[ns] = true
	}
	return slices.Sorted(maps.Keys(set))
}

// ExportEntry is one exportTo value of a resource, as written, and the
// field it is in.
type ExportEntry struct {
	Value, Path string
}

// ExportEntries lists the exportTo values of r: spec.exportTo of a
// VirtualService, DestinationRule or ServiceEntry, and the comma-separated
// networking.istio.io/exportTo annotation of a Service (whose entries all
// point at the annotation). Other kinds have none.
func ExportEntries(r *Resource) []ExportEntry {
	var values []string
	switch {
	case r.Is(KindService):
		var out []ExportEntry
		for _, v := range serviceExportTo(r) {
			out = append(out, ExportEntry{v, JoinPath("metadata", "annotations", AnnotationExportTo)})
		}
		return out
	case r.Is(KindVirtualService) && r.VirtualService() != nil:
		values = r.VirtualService().GetExportTo()
	case r.Is(KindDestinationRule) && r.DestinationRule() != nil:
		values = r.DestinationRule().GetExportTo()
	case r.Is(KindServiceEntry) && r.ServiceEntry() != nil:
		values = r.ServiceEntry().GetExportTo()
	}
	out := make([]ExportEntry, len(values))
	for i, v := range values {
		out[i] = ExportEntry{v, IndexPath("spec.exportTo", i)}
	}
	return out
}

// NamespaceDeclared reports whether the input declares namespace ns
// rather than merely placing resources in it: a Namespace object, a
// namespace declared in externals.namespaces, the mesh's root namespace,
// or one every cluster has.
func (g *Graph) NamespaceDeclared(ns string) bool {
	if n := g.Namespace(ns); (n != nil && n.Implied == "") || ns == g.opts.Mesh.RootNamespace || slices.Contains(alwaysThere, ns) {
		return true
	}
	for _, pattern := range g.opts.Externals.Namespaces {
		if ok, _ := path.Match(pattern, ns); ok {
			return true
		}
	}
	return false
}

// NamespaceMatches reports whether a namespace the input knows (see
// NamespaceKnown) matches an AuthorizationPolicy-style value: "*", a
// prefix ("team-*"), a suffix ("*-prod") or an exact name. A value that
// an externals.namespaces pattern may cover counts as matched.
func (g *Graph) NamespaceMatches(value string) bool {
	if value == "*" || len(g.opts.Externals.Namespaces) > 0 && strings.Contains(value, "*") {
		return true
	}
	prefix, isPrefix := strings.CutSuffix(value, "*")
	suffix, isSuffix := strings.CutPrefix(value, "*")
	if !isPrefix && !isSuffix {
		return g.NamespaceKnown(value)
	}
	for _, ns := range g.KnownNamespaces() {
		if isPrefix && strings.HasPrefix(ns, prefix) || isSuffix && strings.HasSuffix(ns, suffix) {
			return true
		}
	}
	return false
}
