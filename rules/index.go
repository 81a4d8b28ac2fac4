package rules

import (
	"maps"
	"slices"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/parallel"
)

// indexParts are the parts of data.meshlint (beside the policy's options,
// data.meshlint.options): the joins the graph has already resolved, keyed
// by resource id, so that a policy looks them up instead of
// re-implementing Istio's host and selector semantics. Each is built
// when a policy first reads it.
var indexParts = map[string]func(*graph.Graph) ast.Value{
	"resources":   resourceIndex,   // id → {group, kind, namespace, name, file, implied}
	"hosts":       hostIndex,       // FQDN → ids of the Services and ServiceEntries providing it
	"gateways":    gatewayIndex,    // VirtualService id → Gateway ids it binds to
	"subsets":     subsetIndex,     // VirtualService id → {destination path → DestinationRule ids}
	"selects":     selectorIndex,   // id → workload ids its selector matches (Service, Gateway, policies)
	"injection":   injectionIndex,  // workload id → {mode, reason, decider, path}
	"workloads":   workloadIndex,   // workload id → {kind, namespace, name, template, labels, annotations, replicas}
	"ambient":     ambientIndex,    // waypoints and targetrefs (index_ambient.go)
	"parents":     parentIndex,     // Gateway API route id → parent ids (index_gatewayapi.go)
	"attachments": attachmentIndex, // route id → {parentRef path → condition reason}
	"backends":    backendIndex,    // route id → backend ids
	"grants":      grantIndex,      // route or Gateway id → {reference path → ReferenceGrant ids}
	"listeners":   listenerIndex,   // Gateway or ListenerSet id → [{name, port, protocol, hostname, from}]
}

// indexRefs are the refs of the parts, data.meshlint.<part>, sorted.
var indexRefs = func() []string {
	var refs []string
	for _, key := range slices.Sorted(maps.Keys(indexParts)) {
		refs = append(refs, "data.meshlint."+key)
	}
	return refs
}()

// indexPart is one part of data.meshlint, e.g. "hosts", built once.
func (in *Input) indexPart(key string) ast.Value {
	f, _ := in.parts.LoadOrStore(key, sync.OnceValue(func() ast.Value { return indexParts[key](in.g) }))
	return f.(func() ast.Value)()
}

// index is the whole of data.meshlint, for `meshlint policy eval --data`.
func (in *Input) index() ast.Value {
	obj := ast.NewObject()
	for _, ref := range indexRefs {
		key := strings.TrimPrefix(ref, "data.meshlint.")
		obj.Insert(ast.StringTerm(key), ast.NewTerm(in.indexPart(key)))
	}
	return obj
}

// warmIndex builds the parts a policy reads, in parallel.
func (in *Input) warmIndex(parts []string) {
	parallel.For(len(parts), func(i int) { in.indexPart(parts[i]) })
}

func resourceIndex(g *graph.Graph) ast.Value {
	resources := ast.NewObject()
	for _, r := range g.All() {
		resources.Insert(ast.StringTerm(ResourceID(r)), ast.ObjectTerm(
			ast.Item(keyGroup, ast.StringTerm(r.Group)),
			ast.Item(keyKind, ast.StringTerm(r.Kind)),
			ast.Item(keyNamespace, ast.StringTerm(r.Namespace)),
			ast.Item(keyName, ast.StringTerm(r.Name)),
			ast.Item(keyFile, ast.StringTerm(r.Start().File)),
			ast.Item(keyImplied, ast.StringTerm(r.Implied)),
		))
	}
	return resources
}

func hostIndex(g *graph.Graph) ast.Value {
	hosts := map[string][]string{}
	for _, r := range g.All() {
		if r.Is(graph.KindService) || r.Is(graph.KindServiceEntry) {
			for _, h := range g.HostsOf(r) {
				hosts[h] = append(hosts[h], ResourceID(r))
			}
		}
	}
	return stringListMap(hosts).Value
}

func injectionIndex(g *graph.Graph) ast.Value {
	return workloadMap(g, func(r *graph.Resource) ast.Value { return injectionValue(g.Injection(r)) })
}

func workloadIndex(g *graph.Graph) ast.Value { return workloadMap(g, workloadValue) }

// workloadMap maps each workload's id to what value says of it.
func workloadMap(g *graph.Graph, value func(*graph.Resource) ast.Value) ast.Value {
	out := ast.NewObject()
	for _, r := range g.All() {
		if r.Workload != nil {
			out.Insert(ast.StringTerm(ResourceID(r)), ast.NewTerm(value(r)))
		}
	}
	return out
}

func gatewayIndex(g *graph.Graph) ast.Value { return edgeTargets(g, graph.EdgeGateway).Value }

// workloadValue is what policies about pods read of a workload, without
// converting the whole resource: its pod template's labels and
// annotations, where the template is, and the replicas it asks for
// (absent when the spec does not say).
func workloadValue(r *graph.Resource) ast.Value {
	w := r.Workload
	out := ast.NewObject(
		ast.Item(keyKind, ast.StringTerm(r.Kind)),
		ast.Item(keyNamespace, ast.StringTerm(r.Namespace)),
		ast.Item(keyName, ast.StringTerm(r.Name)),
		ast.Item(keyTemplate, ast.StringTerm(w.TemplatePath)),
		ast.Item(keyLabels, stringMapTerm(w.Labels)),
		ast.Item(keyAnnotations, stringMapTerm(w.Annotations)))
	if spec, ok := r.Object["spec"].(map[string]any); ok && spec["replicas"] != nil {
		if replicas, err := ast.InterfaceToValue(spec["replicas"]); err == nil {
			out.Insert(keyReplicas, ast.NewTerm(replicas))
		}
	}
	return out
}

func stringMapTerm(m map[string]string) *ast.Term {
	items := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		items = append(items, ast.Item(ast.StringTerm(k), ast.StringTerm(v)))
	}
	return ast.ObjectTerm(items...)
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
func subsetIndex(g *graph.Graph) ast.Value { return edgePathTargets(g, graph.EdgeRouteSubset) }

// edgePathTargets maps each resource with edges of a kind to the targets
// of each of its referring fields: from id → {path → target ids}.
func edgePathTargets(g *graph.Graph, kind graph.EdgeKind) ast.Value {
	out := map[string]map[string][]string{}
	for _, e := range g.Edges(kind) {
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
	return obj
}

// selectorIndex maps each resource whose selector picks workloads to them.
func selectorIndex(g *graph.Graph) ast.Value {
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
	return stringListMap(out).Value
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
