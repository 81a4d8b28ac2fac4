package rules

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
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
	all    []*graph.Resource // input.resources, in input order
	native sync.Map          // *graph.Resource → func() map[string]any
	strict sync.Map          // *graph.Resource → func() ast.Value
	views  sync.Map          // kinds → func() *inputView
	index  func() ast.Value
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
	in := &Input{g: g, byID: map[string]*graph.Resource{}}
	in.all = inputResources(g, nil)
	for _, r := range in.all {
		in.byID[ResourceID(r)] = r
	}
	in.index = sync.OnceValue(func() ast.Value { return buildIndex(g) })
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
		for i, r := range v.resources {
			items[i] = ast.NewTerm(in.document(r))
		}
		v.value = ast.NewObject(ast.Item(ast.StringTerm("resources"), ast.ArrayTerm(items...)))
		return v
	}))
	return f.(func() *inputView)()
}

// document is one resource converted, once.
func (in *Input) document(r *graph.Resource) ast.Value {
	f, _ := in.strict.LoadOrStore(r, sync.OnceValue(func() ast.Value {
		v, err := ast.InterfaceToValue(in.nativeOf(r))
		if err != nil {
			return ast.NewObject()
		}
		return v
	}))
	return f.(func() ast.Value)()
}

// lazyDocument is one resource as the root input of one evaluation.
func (in *Input) lazyDocument(r *graph.Resource) ast.Value { return ast.LazyObject(in.nativeOf(r)) }

func (in *Input) nativeOf(r *graph.Resource) map[string]any {
	f, _ := in.native.LoadOrStore(r, sync.OnceValue(func() map[string]any { return resourceNative(in.g, r) }))
	return f.(func() map[string]any)()
}

// resourceNative is the object as written (its top level copied, the
// rest shared and never written) with the "meshlint" field added.
func resourceNative(g *graph.Graph, r *graph.Resource) map[string]any {
	obj := make(map[string]any, len(r.Object)+1)
	for k, v := range r.Object {
		obj[k] = v
	}
	loc := r.Start()
	meta := map[string]any{
		"id":    ResourceID(r),
		"file":  loc.File,
		"line":  loc.Start.Line,
		"hosts": stringsNative(g.HostsOf(r)),
		"edges": edgesNative(g.EdgesOf(r)),
	}
	if r.Workload != nil {
		meta["injection"] = injectionNative(g.Injection(r))
	}
	obj["meshlint"] = meta
	return obj
}

func edgesNative(edges []*graph.Edge) []any {
	out := make([]any, 0, len(edges))
	for _, e := range edges {
		to := make([]string, len(e.To))
		for i, r := range e.To {
			to[i] = ResourceID(r)
		}
		workloads := make([]string, len(e.Workloads))
		for i, w := range e.Workloads {
			workloads[i] = ResourceID(w.Resource)
		}
		out = append(out, map[string]any{
			"kind": string(e.Kind), "path": e.Path, "ref": e.Ref, "target": e.Target,
			"to": stringsNative(to), "workloads": stringsNative(workloads),
			"resolved": e.Resolved(), "external": e.External,
		})
	}
	return out
}

func injectionNative(v graph.InjectionVerdict) map[string]any {
	out := map[string]any{"mode": v.Mode, "reason": v.Reason, "byWorkload": v.ByWorkload}
	if v.Decider != nil {
		out["decider"] = ResourceID(v.Decider)
		out["path"] = v.Path
	}
	return out
}

func stringsNative(ss []string) []any {
	out := make([]any, len(ss))
	for i, s := range ss {
		out[i] = s
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
