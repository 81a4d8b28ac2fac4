package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/parallel"
)

// Input is the graph as policies read it: `input` for policies over the
// whole mesh, one document per resource for conftest-style policies, and
// the graph's indexes as data.meshlint. Each resource is converted
// straight from its decoded values into an OPA value (no JSON round trip)
// once per run, when a policy first reads its kind, and shared: OPA
// values are immutable. A conftest-style policy reads each resource as a
// lazy object instead, which converts only the fields the policy reads
// (OPA hashes the elements of arrays and objects, which converts them
// whole, so a lazy object only helps as the root of the input).
type Input struct {
	g      *graph.Graph
	byID   map[string]*graph.Resource
	byName map[string][]*graph.Resource // Kind/name → resources, for results naming one
	all    []*graph.Resource            // input.resources, in input order
	native sync.Map                     // *graph.Resource → func() map[string]any
	strict sync.Map                     // *graph.Resource → func() ast.Value
	views  sync.Map                     // kinds → func() *inputView
	parts  sync.Map                     // data.meshlint part → func() ast.Value
	// shapeOf is the fields of a kind the policies read (nil: whole
	// documents, as `meshlint policy eval` shows them).
	shapeOf func(graph.GroupKind) *shape
}

// inputView is input.resources restricted to some kinds.
type inputView struct {
	value     ast.Value // {"resources": [...]}
	resources []*graph.Resource
}

// ResourceID names a resource in the input: group/Kind/namespace/name,
// with "core" for the core group and an empty namespace for
// cluster-scoped kinds.
func ResourceID(r *graph.Resource) string {
	group := r.Group
	if group == "" {
		group = "core"
	}
	return group + "/" + r.Kind + "/" + r.Namespace + "/" + r.Name
}

// NewInput prepares the conversion of g; nothing is converted yet.
// Implied resources are not in input.resources (no file holds them) but
// are in data.meshlint, marked.
func NewInput(g *graph.Graph) *Input {
	in := &Input{g: g, byID: map[string]*graph.Resource{}, byName: map[string][]*graph.Resource{}}
	in.all = inputResources(g, nil)
	for _, r := range in.all {
		in.byID[ResourceID(r)] = r
		in.byName[r.Kind+"/"+r.Name] = append(in.byName[r.Kind+"/"+r.Name], r)
	}
	return in
}

// inputResources are the resources as written, of the given kinds (all
// when kinds is empty).
func inputResources(g *graph.Graph, kinds []graph.GroupKind) []*graph.Resource {
	var out []*graph.Resource
	for _, r := range g.Applied() {
		if r.Doc != nil && r.Object != nil && (len(kinds) == 0 || slices.Contains(kinds, r.GroupKind())) {
			out = append(out, r)
		}
	}
	return out
}

// view returns input.resources of the given kinds (all when empty),
// converted once.
func (in *Input) view(kinds []graph.GroupKind) *inputView {
	f, _ := in.views.LoadOrStore(fmt.Sprint(kinds), sync.OnceValue(func() *inputView {
		v := &inputView{resources: inputResources(in.g, kinds)}
		items := make([]*ast.Term, len(v.resources))
		parallel.For(len(items), func(i int) { items[i] = ast.NewTerm(in.document(v.resources[i])) })
		v.value = ast.NewObject(ast.Item(ast.StringTerm("resources"), ast.ArrayTerm(items...)))
		return v
	}))
	return f.(func() *inputView)()
}

// resourcesOf is the input of a policy over the whole mesh: its view,
// or no resources when it reads none of input.resources' kinds.
func (in *Input) resourcesOf(p *Policy) ast.Value {
	if p.Resources != nil && len(p.Resources) == 0 {
		return emptyResources
	}
	return in.view(p.Resources).value
}

var emptyResources = ast.NewObject(ast.Item(ast.StringTerm("resources"), ast.ArrayTerm()))

// document is one resource converted, once.
func (in *Input) document(r *graph.Resource) ast.Value {
	f, _ := in.strict.LoadOrStore(r, sync.OnceValue(func() ast.Value {
		if in.shapeOf == nil {
			return documentValue(in.g, r, nil)
		}
		return documentValue(in.g, r, in.shapeOf(r.GroupKind()))
	}))
	return f.(func() ast.Value)()
}

// lazyDocument is one resource as the root input of one evaluation.
func (in *Input) lazyDocument(r *graph.Resource) ast.Value { return ast.LazyObject(in.nativeOf(r)) }

func (in *Input) nativeOf(r *graph.Resource) map[string]any {
	f, _ := in.native.LoadOrStore(r, sync.OnceValue(func() map[string]any { return resourceNative(in.g, r) }))
	return f.(func() map[string]any)()
}

// documentValue is the object as written with the "meshlint" field
// added, converted straight from the decoded values: the fields s names
// (all when s is nil).
func documentValue(g *graph.Graph, r *graph.Resource, s *shape) ast.Value {
	if s != nil && s.fields != nil {
		return projectedDocument(g, r, s)
	}
	items := make([][2]*ast.Term, 0, len(r.Object)+1)
	for k, v := range r.Object {
		if k == "meshlint" {
			continue
		}
		value, err := ast.InterfaceToValue(v)
		if err != nil {
			return ast.NewObject()
		}
		items = append(items, ast.Item(ast.StringTerm(k), ast.NewTerm(value)))
	}
	return ast.NewObject(append(items, ast.Item(keyMeshlint, ast.NewTerm(metaValue(g, r, nil))))...)
}

// projectedDocument is documentValue with the fields s names.
func projectedDocument(g *graph.Graph, r *graph.Resource, s *shape) ast.Value {
	items := make([][2]*ast.Term, 0, len(s.fields))
	for k, child := range s.fields {
		if k == "meshlint" {
			items = append(items, ast.Item(keyMeshlint, ast.NewTerm(metaValue(g, r, child))))
			continue
		}
		v, ok := r.Object[k]
		if !ok {
			continue
		}
		t, err := child.project(v)
		if err != nil {
			return ast.NewObject()
		}
		items = append(items, ast.Item(s.keys[k], t))
	}
	return ast.NewObject(items...)
}

// resourceNative is documentValue as plain values, for the lazy objects
// of per-resource policies: the object as written (its top level copied,
// the rest shared and never written) with the "meshlint" field added.
func resourceNative(g *graph.Graph, r *graph.Resource) map[string]any {
	obj := make(map[string]any, len(r.Object)+1)
	for k, v := range r.Object {
		obj[k] = v
	}
	obj["meshlint"], _ = ast.JSON(metaValue(g, r, nil))
	return obj
}

// Keys of the meshlint field and of its edges, shared by every resource.
var (
	keyMeshlint  = ast.StringTerm("meshlint")
	keyID        = ast.StringTerm("id")
	keyFile      = ast.StringTerm("file")
	keyLine      = ast.StringTerm("line")
	keyHosts     = ast.StringTerm("hosts")
	keyEdges     = ast.StringTerm("edges")
	keyInjection = ast.StringTerm("injection")
	keyKind      = ast.StringTerm("kind")
	keyPath      = ast.StringTerm("path")
	keyRef       = ast.StringTerm("ref")
	keyTarget    = ast.StringTerm("target")
	keyTo        = ast.StringTerm("to")
	keyResolved  = ast.StringTerm("resolved")
	keyWorkloads = ast.StringTerm("workloads")
	keyExternal  = ast.StringTerm("external")
	// injection verdicts and data.meshlint's entries
	keyMode        = ast.StringTerm("mode")
	keyReason      = ast.StringTerm("reason")
	keyByWorkload  = ast.StringTerm("byWorkload")
	keyDecider     = ast.StringTerm("decider")
	keyGroup       = ast.StringTerm("group")
	keyNamespace   = ast.StringTerm("namespace")
	keyName        = ast.StringTerm("name")
	keyImplied     = ast.StringTerm("implied")
	keyTemplate    = ast.StringTerm("template")
	keyLabels      = ast.StringTerm("labels")
	keyAnnotations = ast.StringTerm("annotations")
	keyReplicas    = ast.StringTerm("replicas")
)

// metaValue is what meshlint resolved for the resource: its fields s
// names (all when s is nil), each whole.
func metaValue(g *graph.Graph, r *graph.Resource, s *shape) ast.Value {
	wants := func(key *ast.Term) bool {
		if s == nil || s.fields == nil {
			return true
		}
		_, ok := s.fields[string(key.Value.(ast.String))]
		return ok
	}
	loc := r.Start()
	items := make([][2]*ast.Term, 0, 6)
	add := func(key *ast.Term, value func() *ast.Term) {
		if wants(key) {
			items = append(items, ast.Item(key, value()))
		}
	}
	add(keyID, func() *ast.Term { return ast.StringTerm(ResourceID(r)) })
	add(keyFile, func() *ast.Term { return ast.StringTerm(loc.File) })
	add(keyLine, func() *ast.Term { return ast.IntNumberTerm(loc.Start.Line) })
	add(keyHosts, func() *ast.Term { return stringArray(g.HostsOf(r)) })
	add(keyEdges, func() *ast.Term { return edgesValue(g.EdgesOf(r)) })
	if r.Workload != nil {
		add(keyInjection, func() *ast.Term { return ast.NewTerm(injectionValue(g.Injection(r))) })
	}
	return ast.NewObject(items...)
}

// edgesValue is a resource's edges. Every resource has edges and most
// have several, so each field that is usually empty is left out when it
// is: workloads (only edges that select workloads have them) and
// external (only when true).
func edgesValue(edges []*graph.Edge) *ast.Term {
	out := make([]*ast.Term, len(edges))
	for i, e := range edges {
		to := make([]string, len(e.To))
		for j, r := range e.To {
			to[j] = ResourceID(r)
		}
		edge := ast.NewObject(
			ast.Item(keyKind, ast.StringTerm(string(e.Kind))), ast.Item(keyPath, ast.StringTerm(e.Path)),
			ast.Item(keyRef, ast.StringTerm(e.Ref)), ast.Item(keyTarget, ast.StringTerm(e.Target)),
			ast.Item(keyTo, stringArray(to)), ast.Item(keyResolved, ast.BooleanTerm(e.Resolved())))
		if len(e.Workloads) > 0 {
			workloads := make([]string, len(e.Workloads))
			for j, w := range e.Workloads {
				workloads[j] = ResourceID(w.Resource)
			}
			edge.Insert(keyWorkloads, stringArray(workloads))
		}
		if e.External {
			edge.Insert(keyExternal, ast.BooleanTerm(true))
		}
		out[i] = ast.NewTerm(edge)
	}
	return ast.ArrayTerm(out...)
}

func injectionValue(v graph.InjectionVerdict) ast.Value {
	out := ast.NewObject(
		ast.Item(keyMode, ast.StringTerm(v.Mode)),
		ast.Item(keyReason, ast.StringTerm(v.Reason)),
		ast.Item(keyByWorkload, ast.BooleanTerm(v.ByWorkload)))
	if v.Decider != nil {
		out.Insert(keyDecider, ast.StringTerm(ResourceID(v.Decider)))
		out.Insert(keyPath, ast.StringTerm(v.Path))
	}
	return out
}

func stringArray(ss []string) *ast.Term {
	terms := make([]*ast.Term, len(ss))
	for i, s := range ss {
		terms[i] = ast.StringTerm(s)
	}
	return ast.ArrayTerm(terms...)
}

// pathIndex is a finding path element: "spec.http[0]" from a policy's
// ["spec", "http", 0] array.
func pathIndex(i int) string { return "[" + strconv.Itoa(i) + "]" }

// Select returns, as plain JSON values, what `meshlint policy eval`
// prints: data.meshlint when data is true, else the resource named
// KIND/NAMESPACE/NAME (KIND/NAME when cluster-scoped), else the whole input.
func (in *Input) Select(resource string, data bool) (any, error) {
	switch {
	case data:
		return ast.JSON(in.index())
	case resource == "":
		return ast.JSON(in.view(nil).value)
	}
	parts := strings.Split(resource, "/")
	if len(parts) < 2 || len(parts) > 3 {
		return nil, fmt.Errorf("--resource %q: want KIND/NAMESPACE/NAME or KIND/NAME", resource)
	}
	kind, name, ns := parts[0], parts[len(parts)-1], ""
	if len(parts) == 3 {
		ns = parts[1]
	}
	for _, r := range in.all {
		if strings.EqualFold(r.Kind, kind) && r.Name == name && r.Namespace == ns {
			return ast.JSON(in.document(r))
		}
	}
	return nil, fmt.Errorf("--resource %q: no such resource in the input", resource)
}
