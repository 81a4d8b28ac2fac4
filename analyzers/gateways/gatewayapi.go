package gateways

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

// Helpers shared by the Gateway API rules (ML52xx).

// routeEdges are the edges of kind from files' routes (implied resources
// and shadowed copies have none), skipping references with placeholders.
func routeEdges(g *graph.Graph, kind graph.EdgeKind) []*graph.Edge {
	var out []*graph.Edge
	for _, e := range g.Edges(kind) {
		if e.From.Implied == "" && !e.API.Templated && !graph.HasPlaceholder(e.From.Namespace) {
			out = append(out, e)
		}
	}
	return out
}

// listenerList renders listeners as `"http" (port 80, HTTP, *.example.com)`.
func listenerList(ls []graph.Listener) string {
	parts := make([]string, len(ls))
	for i, l := range ls {
		host := l.Hostname
		if host == "" {
			host = "any host"
		}
		parts[i] = fmt.Sprintf("%s (port %d, %s, %s)", l, l.Port, l.Protocol, host)
	}
	return strings.Join(parts, ", ")
}

// hasGatewayParent reports whether route attaches to a Gateway or
// ListenerSet (not only to Services, GAMMA): Istio then enforces
// ReferenceGrants on its backends.
func hasGatewayParent(g *graph.Graph, route *graph.Resource) bool {
	return slices.ContainsFunc(g.EdgesFrom(route, graph.EdgeRouteParent), func(e *graph.Edge) bool {
		k := e.API.GroupKind()
		return k == graph.KindK8sGateway || k == graph.KindListenerSet
	})
}

// holdsPlaceholder reports whether any string under v is a template
// placeholder.
func holdsPlaceholder(v any) bool {
	switch v := v.(type) {
	case string:
		return graph.HasPlaceholder(v)
	case map[string]any:
		for k, x := range v {
			if graph.HasPlaceholder(k) || holdsPlaceholder(x) {
				return true
			}
		}
	case []any:
		return slices.ContainsFunc(v, holdsPlaceholder)
	}
	return false
}

// backendFailure says what clients see when a route's backend is invalid:
// HTTP and gRPC routes answer its share of requests with HTTP 500, TCP and
// TLS routes reject the connections meant for it.
func backendFailure(route *graph.Resource) string {
	if route.Is(graph.KindHTTPRoute) || route.Is(graph.KindGRPCRoute) {
		return "answers requests for this backend with HTTP 500"
	}
	return "rejects the connections meant for this backend"
}
