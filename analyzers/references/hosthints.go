package references

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

func expansion(e *graph.Edge) string {
	if e.Target != e.Ref {
		return " (" + e.Target + ")"
	}
	return ""
}

// hostHint says why a host edge found nothing, when the files show it: a
// Service named in a form Istio does not expand; a Service or ServiceEntry
// that defines the host but is not exported to where it is looked up from
// (which may be the referrer's own exportTo); a Service read into the -n
// namespace that is likely applied elsewhere; a short name meant for the
// one Service of that name in another namespace; or else that a host
// defined in other files is declared in externals.hosts.
func hostHint(g *graph.Graph, e *graph.Edge) string {
	if fqdn := g.ServiceHint(e.Ref); fqdn != "" {
		return fmt.Sprintf("; Istio does not expand %q, write %s", e.Ref, fqdn)
	}
	if hidden := g.HiddenHost(e.Ref, e.From.Namespace); len(hidden) > 0 {
		return exportHint(hidden, e.From)
	}
	if hint := defaultedNamespaceHint(g, e); hint != "" {
		return hint
	}
	if svc := otherNamespaceService(g, e); svc != nil {
		return fmt.Sprintf("; a short name means namespace %q: for %s write %s.%s.svc.%s",
			e.From.Namespace, svc, svc.Name, svc.Namespace, g.Options().ClusterDomain)
	}
	return "; if it is defined in other files, declare it in externals.hosts"
}

// fixServiceHost offers the FQDN for a host that names a Service in a
// form Istio does not expand (see graph.ServiceHint), when that FQDN
// resolves from where the host is looked up: then the fix makes the
// reference work, rather than change one finding for another.
func fixServiceHost(g *graph.Graph, f *analyzers.Finding, e *graph.Edge) {
	fqdn := g.ServiceHint(e.Ref)
	if fqdn == "" || len(g.ResolveHost(fqdn, e.From.Namespace, referrerExportTo(e.From))) == 0 {
		return
	}
	f.FixValue(e.Path, fqdn, fmt.Sprintf("replace %q with %s", e.Ref, fqdn))
}

// exportHint explains why a host that hidden serve is not visible to from.
// The cause may be from's own exportTo: Istio looks hosts up from the
// namespaces a VirtualService or DestinationRule is exported to, so one
// exported elsewhere only does not see a Service private to its own
// namespace.
func exportHint(hidden []*graph.HostEntry, from *graph.Resource) string {
	owner := hidden[0].Resource
	scopes := entryScopes(hidden, owner)
	exportTo := referrerExportTo(from)
	// Exported to "*", it applies where the host is private too: the
	// general message says so. Exported elsewhere, "." is what is missing.
	lookup := graph.LookupScopes(from.Namespace, exportTo)
	if len(lookup) > 0 && slices.Contains(scopes, from.Namespace) && !slices.Contains(lookup, from.Namespace) {
		return fmt.Sprintf("; %s is exported to namespace %q, but this %s is exported to %s only, and Istio looks hosts up from there: add \".\" to its exportTo",
			owner, from.Namespace, from.Kind, quoteAll(exportTo))
	}
	return fmt.Sprintf("; %s serves it but is not exported to %s (only to %s)",
		owner, lookupPlace(from, exportTo), scopeList(scopes))
}

// defaultedNamespaceHint notices a short host whose Service has no
// namespace in its file: it was read into the -n namespace, while the
// referrer lives in another, where the Service is likely applied.
func defaultedNamespaceHint(g *graph.Graph, e *graph.Edge) string {
	ns := g.Options().DefaultNamespace
	if strings.ContainsAny(e.Ref, ".*") || e.From.Namespace == ns {
		return ""
	}
	svc := g.Get(graph.Key{GroupKind: graph.KindService, Namespace: ns, Name: e.Ref})
	if svc == nil || !svc.NamespaceDefaulted {
		return ""
	}
	return fmt.Sprintf("; Service %s has no namespace in its file and is read into %q (-n): if it is applied with -n %s, lint with -n %s too or write namespace: %s in it",
		e.Ref, ns, e.From.Namespace, e.From.Namespace, e.From.Namespace)
}

// otherNamespaceService is the one Service a short host names in another
// namespace than the referrer's, or nil.
func otherNamespaceService(g *graph.Graph, e *graph.Edge) *graph.Resource {
	if strings.Contains(e.Ref, ".") || graph.IsWildcard(e.Ref) {
		return nil
	}
	var found *graph.Resource
	for _, svc := range g.OfKind(graph.KindService) {
		if svc.Name != e.Ref || svc.ShadowedBy != nil || svc.Implied != "" {
			continue
		}
		if found != nil {
			return nil // several: which one was meant is a guess
		}
		found = svc
	}
	return found
}

// referrerExportTo is the exportTo of the resource whose host is looked up.
func referrerExportTo(r *graph.Resource) []string {
	switch {
	case r.Is(graph.KindVirtualService) && r.VirtualService() != nil:
		return r.VirtualService().GetExportTo()
	case r.Is(graph.KindDestinationRule) && r.DestinationRule() != nil:
		return r.DestinationRule().GetExportTo()
	}
	return nil
}

// entryScopes lists the scopes one resource's entries are visible in.
func entryScopes(entries []*graph.HostEntry, r *graph.Resource) []string {
	var scopes []string
	for _, h := range entries {
		if h.Resource == r {
			scopes = append(scopes, h.Scope)
		}
	}
	return scopes
}

// lookupPlace names where a host was looked up from: the namespaces the
// referrer is exported to, or its own.
func lookupPlace(r *graph.Resource, exportTo []string) string {
	scopes := graph.LookupScopes(r.Namespace, exportTo)
	if len(scopes) == 0 {
		return "every namespace as this " + r.Kind + " is"
	}
	return scopeList(scopes)
}

// scopeList renders export scopes: namespace "a", namespaces "a", "b".
func scopeList(scopes []string) string {
	if len(scopes) == 1 && scopes[0] == "~" {
		return `no namespace ("~")`
	}
	if len(scopes) == 1 {
		return "namespace " + quoteAll(scopes)
	}
	return "namespaces " + quoteAll(scopes)
}

// quoteAll renders names for messages: "a", "b".
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
