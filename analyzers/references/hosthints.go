package references

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

func expansion(e *graph.Edge) string {
	if e.Target != e.Ref {
		return " (" + e.Target + ")"
	}
	return ""
}

// hostHint says why a host that names a Service is not found, when the
// files show it: a form Istio does not expand, an exportTo that hides it,
// or a Service read into the -n namespace that is likely applied elsewhere.
func hostHint(g *graph.Graph, e *graph.Edge) string {
	if fqdn := g.ServiceHint(e.Ref); fqdn != "" {
		return fmt.Sprintf("; Istio does not expand %q, write %s", e.Ref, fqdn)
	}
	if name, ns, ok := graph.SplitServiceFQDN(e.Target, g.Options().ClusterDomain); ok {
		if svc := g.Get(graph.Key{GroupKind: graph.KindService, Namespace: ns, Name: name}); svc != nil {
			return exportHint(svc, e.From)
		}
	}
	return defaultedNamespaceHint(g, e)
}

// exportHint explains why an existing Service is not visible to from. The
// cause may be from's own exportTo: Istio looks hosts up from the
// namespaces a VirtualService or DestinationRule is exported to, so one
// exported elsewhere only does not see a Service private to its own
// namespace.
func exportHint(svc, from *graph.Resource) string {
	exportTo := referrerExportTo(from)
	lookup := graph.LookupScopes(from.Namespace, exportTo)
	if slices.Contains(graph.ServiceExportScopes(svc), from.Namespace) && !slices.Contains(lookup, from.Namespace) {
		return fmt.Sprintf("; %s is exported to namespace %q, but this %s is exported to %s only, and Istio looks hosts up from there: add \".\" to its exportTo",
			svc, from.Namespace, from.Kind, quoteAll(exportTo))
	}
	if len(lookup) == 0 { // exported to "*" only: public hosts alone
		lookup = []string{from.Namespace}
	}
	return fmt.Sprintf("; %s exists but is not exported to namespace %s", svc, quoteAll(lookup))
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

// referrerExportTo is the exportTo of the VirtualService or
// DestinationRule a host edge starts from.
func referrerExportTo(r *graph.Resource) []string {
	if vs := r.VirtualService(); vs != nil {
		return vs.GetExportTo()
	}
	if dr := r.DestinationRule(); dr != nil {
		return dr.GetExportTo()
	}
	return nil
}

// quoteAll renders names for messages: "a", "b".
func quoteAll(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
