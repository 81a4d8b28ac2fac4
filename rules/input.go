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

// Input is the graph as policies read it, converted straight into OPA
// values (no JSON round trip) on first use and shared by the policies of
// a run: `input` for policies over the whole mesh, one document per
// resource for conftest-style policies, and the graph's indexes as
// data.meshlint. A policy that declares the kinds it reads gets only
// those converted, which keeps large inputs cheap.
type Input struct {
	g     *graph.Graph
	byID  map[string]*graph.Resource
	all   []*graph.Resource // input.resources, in input order
	views sync.Map          // kinds key → func() *inputView
	docs  sync.Map          // *graph.Resource → func() ast.Value
	index func() ast.Value
}

// inputView is input.resources restricted to some kinds.
type inputView struct {
	value     ast.Value // {"resources": [...]}
	resources []*graph.Resource
	documents []ast.Value
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

// view returns input.resources of the given kinds, converted once.
func (in *Input) view(kinds []graph.GroupKind) *inputView {
	key := fmt.Sprint(kinds)
	f, _ := in.views.LoadOrStore(key, sync.OnceValue(func() *inputView {
		v := &inputView{resources: inputResources(in.g, kinds)}
		items := make([]*ast.Term, len(v.resources))
		for i, r := range v.resources {
			doc := in.document(r)
			v.documents = append(v.documents, doc)
			items[i] = ast.NewTerm(doc)
		}
		v.value = ast.NewObject(ast.Item(ast.StringTerm("resources"), ast.ArrayTerm(items...)))
		return v
	}))
	return f.(func() *inputView)()
}

// document converts one resource, once.
func (in *Input) document(r *graph.Resource) ast.Value {
	f, _ := in.docs.LoadOrStore(r, sync.OnceValue(func() ast.Value { return resourceValue(in.g, r) }))
	return f.(func() ast.Value)()
}

// resourceValue is the object as written with the "meshlint" field added.
func resourceValue(g *graph.Graph, r *graph.Resource) ast.Value {
	v, err := ast.InterfaceToValue(r.Object)
	obj, ok := v.(ast.Object)
	if err != nil || !ok {
		obj = ast.NewObject()
	}
	loc := r.Start()
	meta := ast.NewObject(
		ast.Item(ast.StringTerm("id"), ast.StringTerm(ResourceID(r))),
		ast.Item(ast.StringTerm("file"), ast.StringTerm(loc.File)),
		ast.Item(ast.StringTerm("line"), ast.IntNumberTerm(loc.Start.Line)),
		ast.Item(ast.StringTerm("hosts"), stringArray(g.HostsOf(r))),
		ast.Item(ast.StringTerm("edges"), edgesValue(g.EdgesOf(r))),
	)
	if r.Workload != nil {
		meta.Insert(ast.StringTerm("injection"), ast.NewTerm(injectionValue(g.Injection(r))))
	}
	obj.Insert(ast.StringTerm("meshlint"), ast.NewTerm(meta))
	return obj
}

func edgesValue(edges []*graph.Edge) *ast.Term {
	terms := make([]*ast.Term, 0, len(edges))
	for _, e := range edges {
		terms = append(terms, ast.ObjectTerm(
			ast.Item(ast.StringTerm("kind"), ast.StringTerm(string(e.Kind))),
			ast.Item(ast.StringTerm("path"), ast.StringTerm(e.Path)),
			ast.Item(ast.StringTerm("ref"), ast.StringTerm(e.Ref)),
			ast.Item(ast.StringTerm("target"), ast.StringTerm(e.Target)),
			ast.Item(ast.StringTerm("to"), resourceIDs(e.To)),
			ast.Item(ast.StringTerm("workloads"), workloadIDs(e.Workloads)),
			ast.Item(ast.StringTerm("resolved"), ast.BooleanTerm(e.Resolved())),
			ast.Item(ast.StringTerm("external"), ast.BooleanTerm(e.External)),
		))
	}
	return ast.ArrayTerm(terms...)
}

func injectionValue(v graph.InjectionVerdict) ast.Object {
	obj := ast.NewObject(
		ast.Item(ast.StringTerm("mode"), ast.StringTerm(v.Mode)),
		ast.Item(ast.StringTerm("reason"), ast.StringTerm(v.Reason)),
		ast.Item(ast.StringTerm("byWorkload"), ast.BooleanTerm(v.ByWorkload)),
	)
	if v.Decider != nil {
		obj.Insert(ast.StringTerm("decider"), ast.StringTerm(ResourceID(v.Decider)))
		obj.Insert(ast.StringTerm("path"), ast.StringTerm(v.Path))
	}
	return obj
}

func resourceIDs(rs []*graph.Resource) *ast.Term {
	terms := make([]*ast.Term, len(rs))
	for i, r := range rs {
		terms[i] = ast.StringTerm(ResourceID(r))
	}
	return ast.ArrayTerm(terms...)
}

func workloadIDs(ws []*graph.Workload) *ast.Term {
	terms := make([]*ast.Term, len(ws))
	for i, w := range ws {
		terms[i] = ast.StringTerm(ResourceID(w.Resource))
	}
	return ast.ArrayTerm(terms...)
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
