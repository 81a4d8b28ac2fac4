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
// values are immutable. Only the fields that the policies over its kind
// declare in custom.fields are converted, when all of them declare some.
// A conftest-style policy reads each resource as a
// lazy object instead, which converts only the fields the policy reads
// (OPA hashes the elements of arrays and objects, which converts them
// whole, so a lazy object only helps as the root of the input).
type Input struct {
	g *graph.Graph
	// lookups are the resources by id and by Kind/name, for results that
	// name one, made when a result first does.
	lookups func() *lookups
	// ids are every resource's id as a term, made once: the documents and
	// data.meshlint name resources many times over, and share these.
	ids     map[*graph.Resource]*ast.Term
	idTerms map[string]*ast.Term
	all     []*graph.Resource // input.resources, in input order
	native  sync.Map          // *graph.Resource → func() map[string]any
	strict  sync.Map          // *graph.Resource → func() ast.Value
	views   sync.Map          // kinds → func() *inputView
	parts   sync.Map          // data.meshlint part → func() ast.Value
	// strs are the terms of strings that many documents and entries
	// repeat (edge kinds and paths, files, injection modes), one
	// per string: shared, as the ids are.
	strs sync.Map // string → *ast.Term
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
	in := &Input{g: g}
	in.all = inputResources(g, nil)
	in.lookups = sync.OnceValue(in.makeLookups)
	all := g.All()
	in.ids = make(map[*graph.Resource]*ast.Term, len(all))
	in.idTerms = make(map[string]*ast.Term, len(all))
	for _, r := range all {
		id := ResourceID(r)
		if in.idTerms[id] == nil {
			in.idTerms[id] = ast.StringTerm(id)
		}
		in.ids[r] = in.idTerms[id]
	}
	return in
}

// lookups are input.resources by id and by Kind/name.
type lookups struct {
	byID   map[string]*graph.Resource
	byName map[string][]*graph.Resource
}

func (in *Input) makeLookups() *lookups {
	l := &lookups{byID: make(map[string]*graph.Resource, len(in.all)), byName: map[string][]*graph.Resource{}}
	for _, r := range in.all {
		l.byID[in.idString(r)] = r
		l.byName[r.Kind+"/"+r.Name] = append(l.byName[r.Kind+"/"+r.Name], r)
	}
	return l
}

// idString is the resource's id, without building it again.
func (in *Input) idString(r *graph.Resource) string {
	if t, ok := in.ids[r]; ok {
		return string(t.Value.(ast.String))
	}
	return ResourceID(r)
}

// id is the resource's id as a term.
func (in *Input) id(r *graph.Resource) *ast.Term {
	if t, ok := in.ids[r]; ok {
		return t
	}
	return ast.StringTerm(ResourceID(r))
}

// idTerm is an id as a term.
func (in *Input) idTerm(id string) *ast.Term {
	if t, ok := in.idTerms[id]; ok {
		return t
	}
	return ast.StringTerm(id)
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

// str is s as a shared term.
func (in *Input) str(s string) *ast.Term {
	if t, ok := in.strs.Load(s); ok {
		return t.(*ast.Term)
	}
	t, _ := in.strs.LoadOrStore(s, ast.StringTerm(s))
	return t.(*ast.Term)
}

// document is one resource converted, once.
func (in *Input) document(r *graph.Resource) ast.Value {
	if f, ok := in.strict.Load(r); ok {
		return f.(func() ast.Value)()
	}
	f, _ := in.strict.LoadOrStore(r, sync.OnceValue(func() ast.Value {
		if in.shapeOf == nil {
			return documentValue(in, r, nil)
		}
		return documentValue(in, r, in.shapeOf(r.GroupKind()))
	}))
	return f.(func() ast.Value)()
}

// lazyDocument is one resource as the root input of one evaluation.
func (in *Input) lazyDocument(r *graph.Resource) ast.Value { return ast.LazyObject(in.nativeOf(r)) }

func (in *Input) nativeOf(r *graph.Resource) map[string]any {
	f, _ := in.native.LoadOrStore(r, sync.OnceValue(func() map[string]any { return resourceNative(in, r) }))
	return f.(func() map[string]any)()
}

// documentValue is the object as written with the "meshlint" field
// added, converted straight from the decoded values: the fields s names
// (all when s is nil).
func documentValue(in *Input, r *graph.Resource, s *shape) ast.Value {
	if s != nil && s.fields != nil {
		return projectedDocument(in, r, s)
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
	return ast.NewObject(append(items, ast.Item(keyMeshlint, ast.NewTerm(metaValue(in, r, nil))))...)
}

// projectedDocument is documentValue with the fields s names.
func projectedDocument(in *Input, r *graph.Resource, s *shape) ast.Value {
	items := make([][2]*ast.Term, 0, len(s.list))
	for _, f := range s.list {
		if f.name == "meshlint" {
			items = append(items, ast.Item(keyMeshlint, ast.NewTerm(metaValue(in, r, f.shape))))
			continue
		}
		v, ok := r.Object[f.name]
		if !ok {
			continue
		}
		t, err := f.shape.project(v)
		if err != nil {
			return ast.NewObject()
		}
		items = append(items, ast.Item(f.key, t))
	}
	return ast.NewObject(items...)
}

// resourceNative is documentValue as plain values, for the lazy objects
// of per-resource policies: the object as written (its top level copied,
// the rest shared and never written) with the "meshlint" field added.
func resourceNative(in *Input, r *graph.Resource) map[string]any {
	obj := make(map[string]any, len(r.Object)+1)
	for k, v := range r.Object {
		obj[k] = v
	}
	obj["meshlint"], _ = ast.JSON(metaValue(in, r, nil))
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
// names (all when s is nil), the edges' as s says and the others whole.
func metaValue(in *Input, r *graph.Resource, s *shape) ast.Value {
	g := in.g
	loc := r.Start()
	items := make([][2]*ast.Term, 0, 6)
	if _, ok := s.field(keyID); ok {
		items = append(items, ast.Item(keyID, in.id(r)))
	}
	if _, ok := s.field(keyFile); ok {
		items = append(items, ast.Item(keyFile, in.str(loc.File)))
	}
	if _, ok := s.field(keyLine); ok {
		items = append(items, ast.Item(keyLine, ast.IntNumberTerm(loc.Start.Line)))
	}
	if _, ok := s.field(keyHosts); ok {
		items = append(items, ast.Item(keyHosts, stringArray(g.HostsOf(r))))
	}
	if edges, ok := s.field(keyEdges); ok {
		items = append(items, ast.Item(keyEdges, in.edgesValue(g.EdgesOf(r), edges)))
	}
	if _, ok := s.field(keyInjection); ok && r.Workload != nil {
		items = append(items, ast.Item(keyInjection, ast.NewTerm(in.injectionValue(g.Injection(r)))))
	}
	return ast.NewObject(items...)
}

// edgeFields are the fields of an edge to convert.
type edgeFields struct{ kind, path, ref, target, to, resolved, workloads, external bool }

// edgesValue is a resource's edges, with the fields of each edge s names
// (all when it names none). Every resource has edges and most have
// several, so each field that is usually empty is left out when it is:
// workloads (only edges that select workloads have them) and external
// (only when true).
func (in *Input) edgesValue(edges []*graph.Edge, s *shape) *ast.Term {
	var each *shape
	if s != nil && s.hasEach {
		each = s.each
	}
	want := func(key *ast.Term) bool { _, ok := each.field(key); return ok }
	f := edgeFields{want(keyKind), want(keyPath), want(keyRef), want(keyTarget),
		want(keyTo), want(keyResolved), want(keyWorkloads), want(keyExternal)}
	out := make([]*ast.Term, len(edges))
	for i, e := range edges {
		out[i] = in.edgeValue(e, f)
	}
	return ast.ArrayTerm(out...)
}

func (in *Input) edgeValue(e *graph.Edge, f edgeFields) *ast.Term {
	items := make([][2]*ast.Term, 0, 8)
	add := func(key *ast.Term, value string) { items = append(items, ast.Item(key, in.str(value))) }
	if f.kind {
		add(keyKind, string(e.Kind))
	}
	if f.path {
		add(keyPath, e.Path)
	}
	if f.ref {
		add(keyRef, e.Ref)
	}
	if f.target { // mostly one host per service: a shared term would cost more than it saves
		items = append(items, ast.Item(keyTarget, ast.StringTerm(e.Target)))
	}
	if f.to {
		items = append(items, ast.Item(keyTo, in.idArray(e.To)))
	}
	if f.resolved {
		items = append(items, ast.Item(keyResolved, ast.InternedTerm(e.Resolved())))
	}
	if f.workloads && len(e.Workloads) > 0 {
		items = append(items, ast.Item(keyWorkloads, in.workloadIDs(e.Workloads)))
	}
	if f.external && e.External {
		items = append(items, ast.Item(keyExternal, ast.InternedTerm(true)))
	}
	return ast.ObjectTerm(items...)
}

func (in *Input) idArray(rs []*graph.Resource) *ast.Term {
	terms := make([]*ast.Term, len(rs))
	for i, r := range rs {
		terms[i] = in.id(r)
	}
	return ast.ArrayTerm(terms...)
}

func (in *Input) workloadIDs(ws []*graph.Workload) *ast.Term {
	terms := make([]*ast.Term, len(ws))
	for i, w := range ws {
		terms[i] = in.id(w.Resource)
	}
	return ast.ArrayTerm(terms...)
}

func (in *Input) injectionValue(v graph.InjectionVerdict) ast.Value {
	items := make([][2]*ast.Term, 3, 5)
	items[0] = ast.Item(keyMode, in.str(v.Mode))
	items[1] = ast.Item(keyReason, in.str(v.Reason))
	items[2] = ast.Item(keyByWorkload, ast.InternedTerm(v.ByWorkload))
	if v.Decider != nil {
		items = append(items, ast.Item(keyDecider, in.id(v.Decider)), ast.Item(keyPath, in.str(v.Path)))
	}
	return ast.NewObject(items...)
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
