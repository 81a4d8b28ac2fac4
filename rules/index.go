package rules

import (
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
)

// indexRefs are the parts of data.meshlint a policy reads (beside its
// options, data.meshlint.options).
var indexRefs = []string{
	"data.meshlint.resources", "data.meshlint.hosts", "data.meshlint.gateways",
	"data.meshlint.subsets", "data.meshlint.selects", "data.meshlint.injection",
	"data.meshlint.parents", "data.meshlint.attachments", "data.meshlint.backends",
	"data.meshlint.grants", "data.meshlint.listeners",
}

// indexPart is one part of data.meshlint, e.g. "hosts".
func (in *Input) indexPart(key string) ast.Value {
	if t := in.index().(ast.Object).Get(ast.StringTerm(key)); t != nil {
		return t.Value
	}
	return ast.NewObject()
}

// buildIndex is data.meshlint: the joins the graph has already resolved,
// keyed by resource id, so that a policy looks them up instead of
// re-implementing Istio's host and selector semantics.
//
//	resources  id → {group, kind, namespace, name, file, implied}
//	hosts      FQDN → ids of the Services and ServiceEntries providing it
//	gateways   VirtualService id → Gateway ids it binds to
//	subsets    VirtualService id → {destination path → DestinationRule ids}
//	selects    id → workload ids its selector matches (Service, Gateway, policies)
//	injection  workload id → {mode, reason, decider, path}
//	parents, attachments, backends, grants, listeners: Gateway API (index_gatewayapi.go)
func buildIndex(g *graph.Graph) ast.Value {
	resources := ast.NewObject()
	hosts := map[string][]string{}
	injection := ast.NewObject()
	for _, r := range g.All() {
		id := ast.StringTerm(ResourceID(r))
		resources.Insert(id, ast.ObjectTerm(
			ast.Item(ast.StringTerm("group"), ast.StringTerm(r.Group)),
			ast.Item(ast.StringTerm("kind"), ast.StringTerm(r.Kind)),
			ast.Item(ast.StringTerm("namespace"), ast.StringTerm(r.Namespace)),
			ast.Item(ast.StringTerm("name"), ast.StringTerm(r.Name)),
			ast.Item(ast.StringTerm("file"), ast.StringTerm(r.Start().File)),
			ast.Item(ast.StringTerm("implied"), ast.StringTerm(r.Implied)),
		))
		if r.Is(graph.KindService) || r.Is(graph.KindServiceEntry) {
			for _, h := range g.HostsOf(r) {
				hosts[h] = append(hosts[h], ResourceID(r))
			}
		}
		if r.Workload != nil {
			injection.Insert(id, ast.NewTerm(ast.MustInterfaceToValue(injectionNative(g.Injection(r)))))
		}
	}
	return ast.NewObject(
		ast.Item(ast.StringTerm("resources"), ast.NewTerm(resources)),
		ast.Item(ast.StringTerm("hosts"), stringListMap(hosts)),
		ast.Item(ast.StringTerm("gateways"), edgeTargets(g, graph.EdgeGateway)),
		ast.Item(ast.StringTerm("subsets"), subsetIndex(g)),
		ast.Item(ast.StringTerm("selects"), selectorIndex(g)),
		ast.Item(ast.StringTerm("injection"), ast.NewTerm(injection)),
		ast.Item(ast.StringTerm("parents"), edgeTargets(g, graph.EdgeRouteParent)),
		ast.Item(ast.StringTerm("attachments"), routeAttachments(g)),
		ast.Item(ast.StringTerm("backends"), edgeTargets(g, graph.EdgeRouteBackend)),
		ast.Item(ast.StringTerm("grants"), referenceGrants(g)),
		ast.Item(ast.StringTerm("listeners"), gatewayListeners(g)),
	)
}

// edgeTargets maps each resource with edges of a kind to their targets.
func edgeTargets(g *graph.Graph, kind graph.EdgeKind) *ast.Term {
	out := map[string][]string{}
	for _, e := range g.Edges(kind) {
		from := ResourceID(e.From)
		for _, r := range e.To {
			out[from] = append(out[from], ResourceID(r))
		}
		if len(e.To) == 0 {
			out[from] = append(out[from], []string{}...)
		}
	}
	return stringListMap(out)
}

// subsetIndex maps each VirtualService to its subset destinations' paths
// and the DestinationRules that define each subset.
func subsetIndex(g *graph.Graph) *ast.Term {
	out := map[string]map[string][]string{}
	for _, e := range g.Edges(graph.EdgeRouteSubset) {
		from := ResourceID(e.From)
		if out[from] == nil {
			out[from] = map[string][]string{}
		}
		ids := []string{}
		for _, r := range e.To {
			ids = append(ids, ResourceID(r))
		}
		out[from][e.Path] = ids
	}
	obj := ast.NewObject()
	for from, paths := range out {
		obj.Insert(ast.StringTerm(from), stringListMap(paths))
	}
	return ast.NewTerm(obj)
}

// selectorIndex maps each resource whose selector picks workloads to them.
func selectorIndex(g *graph.Graph) *ast.Term {
	out := map[string][]string{}
	for _, kind := range []graph.EdgeKind{graph.EdgeServiceWorkload, graph.EdgeGatewayWorkload, graph.EdgePolicyWorkload} {
		for _, e := range g.Edges(kind) {
			from := ResourceID(e.From)
			out[from] = append(out[from], []string{}...)
			for _, w := range e.Workloads {
				out[from] = append(out[from], ResourceID(w.Resource))
			}
		}
	}
	return stringListMap(out)
}

// stringListMap converts a map of id lists, each sorted and without
// repeats: output never depends on map order.
func stringListMap(m map[string][]string) *ast.Term {
	obj := ast.NewObject()
	for k, v := range m {
		v = slices.Compact(slices.Sorted(slices.Values(v)))
		obj.Insert(ast.StringTerm(k), stringArray(v))
	}
	return ast.NewTerm(obj)
}
