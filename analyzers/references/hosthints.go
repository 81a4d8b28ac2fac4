package references

import (
	"fmt"

	"github.com/meshlint/meshlint/graph"
)

func expansion(e *graph.Edge) string {
	if e.Target != e.Ref {
		return " (" + e.Target + ")"
	}
	return ""
}

func hostHint(g *graph.Graph, e *graph.Edge) string {
	if fqdn := g.ServiceHint(e.Ref); fqdn != "" {
		return fmt.Sprintf("; Istio does not expand %q, write %s", e.Ref, fqdn)
	}
	if name, ns, ok := graph.SplitServiceFQDN(e.Target, g.Options().ClusterDomain); ok {
		if svc := g.Get(graph.Key{GroupKind: graph.KindService, Namespace: ns, Name: name}); svc != nil {
			return fmt.Sprintf("; %s exists but is not exported to namespace %q", svc, e.From.Namespace)
		}
	}
	return ""
}
