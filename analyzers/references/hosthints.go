package references

import (
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

func expansion(e *graph.Edge) string {
	if e.Target != e.Ref {
		return " (" + e.Target + ")"
	}
	return ""
}

// hostHint says why a host edge found nothing: a Service named in a form
// Istio does not expand, a Service or ServiceEntry that defines the host
// but is not exported to where it is looked up from, or else that a host
// defined in other files is declared in externals.hosts.
func hostHint(g *graph.Graph, e *graph.Edge) string {
	if fqdn := g.ServiceHint(e.Ref); fqdn != "" {
		return fmt.Sprintf("; Istio does not expand %q, write %s", e.Ref, fqdn)
	}
	if hidden := g.HiddenHost(e.Ref, e.From.Namespace); len(hidden) > 0 {
		exportTo := referrerExportTo(e.From)
		return fmt.Sprintf("; %s serves it but is not exported to %s (only to %s)",
			hidden[0].Resource, lookupPlace(e.From, exportTo), scopeList(entryScopes(hidden, hidden[0].Resource)))
	}
	if svc := otherNamespaceService(g, e); svc != nil {
		return fmt.Sprintf("; a short name means namespace %q: for %s write %s.%s.svc.%s",
			e.From.Namespace, svc, svc.Name, svc.Namespace, g.Options().ClusterDomain)
	}
	return "; if it is defined in other files, declare it in externals.hosts"
}

// otherNamespaceService is the one Service a short host names in another
// namespace than the referrer's, or nil.
func otherNamespaceService(g *graph.Graph, e *graph.Edge) *graph.Resource {
	if strings.Contains(e.Ref, ".") || graph.IsWildcard(e.Ref) {
		return nil
	}
	var found *graph.Resource
	for _, svc := range g.OfKind(graph.KindService) {
		if svc.Name != e.Ref {
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
	q := make([]string, len(scopes))
	for i, s := range scopes {
		q[i] = fmt.Sprintf("%q", s)
	}
	if len(q) == 1 {
		return "namespace " + q[0]
	}
	return "namespaces " + strings.Join(q, ", ")
}
