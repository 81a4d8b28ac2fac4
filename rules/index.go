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
var indexParts = map[string]func(*Input) ast.Value{
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
	if f, ok := in.parts.Load(key); ok { // policies read a part once per lookup
		return f.(func() ast.Value)()
	}
	f, _ := in.parts.LoadOrStore(key, sync.OnceValue(func() ast.Value { return indexParts[key](in) }))
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

// resourceIndex shares the terms of its repeated strings (kinds,
// namespaces, files): one entry per resource is its largest part.
func resourceIndex(in *Input) ast.Value {
	all := in.g.All()
	str := interner{}
	items := make([][2]*ast.Term, len(all))
	for i, r := range all {
		items[i] = ast.Item(in.id(r), ast.ObjectTerm(
			ast.Item(keyGroup, str.term(r.Group)),
			ast.Item(keyKind, str.term(r.Kind)),
			ast.Item(keyNamespace, str.term(r.Namespace)),
			ast.Item(keyName, ast.StringTerm(r.Name)),
			ast.Item(keyFile, str.term(r.Start().File)),
			ast.Item(keyImplied, str.term(r.Implied)),
		))
	}
	return in.objectByID(items)
}

// interner makes one term per string.
type interner map[string]*ast.Term

func (m interner) term(s string) *ast.Term {
	t, ok := m[s]
	if !ok {
		t = ast.StringTerm(s)
		m[s] = t
	}
	return t
}

func hostIndex(in *Input) ast.Value {
	hosts := map[string][]string{}
	for _, r := range in.g.All() {
		if r.Is(graph.KindService) || r.Is(graph.KindServiceEntry) {
			for _, h := range in.g.HostsOf(r) {
				hosts[h] = append(hosts[h], in.idString(r))
			}
		}
	}
	return in.idListMap(hosts).Value
}

func injectionIndex(in *Input) ast.Value {
	return workloadMap(in, func(r *graph.Resource) ast.Value { return in.injectionValue(in.g.Injection(r)) })
}

func workloadIndex(in *Input) ast.Value {
	str := interner{}
	return workloadMap(in, func(r *graph.Resource) ast.Value { return workloadValue(r, str) })
}

// workloadMap maps each workload's id to what value says of it.
func workloadMap(in *Input, value func(*graph.Resource) ast.Value) ast.Value {
	all := in.g.All()
	items := make([][2]*ast.Term, 0, len(all))
	for _, r := range all {
		if r.Workload != nil {
			items = append(items, ast.Item(in.id(r), ast.NewTerm(value(r))))
		}
	}
	return in.objectByID(items)
}

// objectByID is an object of items keyed by the resources' ids: the last
// item of an id wins, should two resources have one.
func (in *Input) objectByID(items [][2]*ast.Term) ast.Object {
	if len(in.idTerms) == len(in.ids) {
		return ast.NewObject(items...) // no id is shared
	}
	obj := ast.NewObject()
	for _, item := range items {
		obj.Insert(item[0], item[1])
	}
	return obj
}

func gatewayIndex(in *Input) ast.Value { return in.edgeTargets(graph.EdgeGateway).Value }

// workloadValue is what policies about pods read of a workload, without
// converting the whole resource: its pod template's labels and
// annotations, where the template is, and the replicas it asks for
// (absent when the spec does not say).
func workloadValue(r *graph.Resource, str interner) ast.Value {
	w := r.Workload
	out := ast.NewObject(
		ast.Item(keyKind, str.term(r.Kind)),
		ast.Item(keyNamespace, str.term(r.Namespace)),
		ast.Item(keyName, ast.StringTerm(r.Name)),
		ast.Item(keyTemplate, str.term(w.TemplatePath)),
		ast.Item(keyLabels, stringMapTerm(w.Labels, str)),
		ast.Item(keyAnnotations, stringMapTerm(w.Annotations, str)))
	if spec, ok := r.Object["spec"].(map[string]any); ok && spec["replicas"] != nil {
		if replicas, err := ast.InterfaceToValue(spec["replicas"]); err == nil {
			out.Insert(keyReplicas, ast.NewTerm(replicas))
		}
	}
	return out
}

func stringMapTerm(m map[string]string, str interner) *ast.Term {
	if len(m) == 0 {
		return ast.InternedEmptyObject
	}
	items := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		items = append(items, ast.Item(str.term(k), str.term(v)))
	}
	return ast.ObjectTerm(items...)
}

// edgeTargets maps each resource with edges of a kind to their targets.
func (in *Input) edgeTargets(kind graph.EdgeKind) *ast.Term {
	out := map[string][]string{}
	for _, e := range in.g.Edges(kind) {
		from := in.idString(e.From)
		for _, r := range e.To {
			out[from] = append(out[from], in.idString(r))
		}
		if len(e.To) == 0 {
			out[from] = append(out[from], []string{}...)
		}
	}
	return in.idListMap(out)
}

// subsetIndex maps each VirtualService to its subset destinations' paths
// and the DestinationRules that define each subset.
func subsetIndex(in *Input) ast.Value { return in.edgePathTargets(graph.EdgeRouteSubset) }

// edgePathTargets maps each resource with edges of a kind to the targets
// of each of its referring fields: from id → {path → target ids}.
func (in *Input) edgePathTargets(kind graph.EdgeKind) ast.Value {
	out := map[string]map[string][]string{}
	for _, e := range in.g.Edges(kind) {
		from := in.idString(e.From)
		if out[from] == nil {
			out[from] = map[string][]string{}
		}
		ids := []string{}
		for _, r := range e.To {
			ids = append(ids, in.idString(r))
		}
		out[from][e.Path] = ids
	}
	items := make([][2]*ast.Term, 0, len(out))
	for from, paths := range out {
		items = append(items, ast.Item(in.idTerm(from), in.stringListMap(paths)))
	}
	return ast.NewObject(items...)
}

// selectorIndex maps each resource whose selector picks workloads to them.
func selectorIndex(in *Input) ast.Value {
	g := in.g
	out := map[string][]string{}
	for _, kind := range []graph.EdgeKind{graph.EdgeServiceWorkload, graph.EdgeGatewayWorkload, graph.EdgePolicyWorkload} {
		for _, e := range g.Edges(kind) {
			from := in.idString(e.From)
			out[from] = append(out[from], []string{}...)
			for _, w := range e.Workloads {
				out[from] = append(out[from], in.idString(w.Resource))
			}
		}
	}
	return in.idListMap(out).Value
}

// idListMap is stringListMap with the ids' shared terms.
func (in *Input) idListMap(m map[string][]string) *ast.Term {
	items := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		items = append(items, ast.Item(in.idTerm(k), in.sortedIDs(v)))
	}
	return ast.ObjectTerm(items...)
}

// sortedIDs is a list of ids as an array of their shared terms, sorted
// and without repeats.
func (in *Input) sortedIDs(ids []string) *ast.Term {
	ids = slices.Compact(slices.Sorted(slices.Values(ids)))
	terms := make([]*ast.Term, len(ids))
	for i, id := range ids {
		terms[i] = in.idTerm(id)
	}
	return ast.ArrayTerm(terms...)
}

// stringListMap converts a map of id lists, each sorted and without
// repeats: output never depends on map order. Its keys are paths.
func (in *Input) stringListMap(m map[string][]string) *ast.Term {
	items := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		items = append(items, ast.Item(ast.StringTerm(k), in.sortedIDs(v)))
	}
	return ast.ObjectTerm(items...)
}
