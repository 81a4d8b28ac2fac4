// Package meshgraph draws the resolved graph the analyzers read: a node
// per resource that takes part in routing or policy (and per subset a
// route reaches), an edge per resolved reference of every edge kind, and
// a red dashed edge to a "missing" node for each dangling reference that
// a finding of the same run reports. Nothing is joined again here: edges
// come from graph.AllEdges, so kinds added to the graph later are drawn
// without code of their own (see styles.go for the few with a label).
package meshgraph

import (
	"slices"
	"sort"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// Graph is the picture's model, what every writer renders.
type Graph struct {
	Nodes []*Node `json:"nodes"`
	Edges []*Edge `json:"edges"`
}

// Node kinds that are not resource kinds.
const (
	KindSubset   = "Subset"   // a subset of a DestinationRule that a route reaches
	KindMissing  = "Missing"  // the target of a dangling reference
	KindExternal = "External" // a target declared to exist outside the files
)

// Node is a resource, a subset, or the target of a reference not in the files.
type Node struct {
	ID        string `json:"id"`
	Kind      string `json:"kind"`
	Group     string `json:"group,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	Name      string `json:"name"`
	// Implied says where a resource the files do not hold comes from.
	Implied string `json:"implied,omitempty"`
	// Mesh is a workload's injection verdict: sidecar, ambient, outside or unknown.
	Mesh string `json:"mesh,omitempty"`
	// Rules are the rules whose findings point at the reference (Missing).
	Rules []string `json:"rules,omitempty"`
	// File is where the resource is defined.
	File string `json:"file,omitempty"`
}

// Edge is one reference drawn from one node to another.
type Edge struct {
	From string `json:"from"`
	To   string `json:"to"`
	// Kind is the graph's edge kind (graph.EdgeKind), or KindSubsetOf or KindCandidate.
	Kind  string `json:"kind"`
	Label string `json:"label,omitempty"`
	// Path is the field of From's resource that makes the reference.
	Path string `json:"path,omitempty"`
	// Broken is true for a dangling reference that a finding reports.
	Broken bool     `json:"broken,omitempty"`
	Rules  []string `json:"rules,omitempty"`
}

// Edge kinds of the picture that are not the graph's: a subset node to
// the DestinationRule defining it; a missing target to the resources that
// almost matched (graph.Edge.Candidates: the DestinationRules of a host
// without the subset), so that a change to them shows what it broke.
const (
	KindSubsetOf  = "subset-of"
	KindCandidate = "candidate"
)

// Build draws g with the findings of the lint run over it.
func Build(g *graph.Graph, findings []*analyzers.Finding) *Graph {
	b := &builder{g: g, nodes: map[string]*Node{}, rules: findingRules(findings)}
	for _, r := range g.Applied() {
		if drawnKind(r) {
			b.resource(r)
		}
	}
	b.subsetRoutes = subsetRoutes(g.AllEdges())
	for _, e := range g.AllEdges() {
		if !edgeStyle(e.Kind).Omit && !b.viaSubset(e) {
			b.edge(e)
		}
	}
	return b.result()
}

type builder struct {
	g     *graph.Graph
	nodes map[string]*Node
	edges []*Edge
	seen  map[string]bool
	rules map[*graph.Resource]map[string][]string
	// subsetRoutes are the route destinations whose subset resolves.
	subsetRoutes map[fieldRef]bool
}

type fieldRef struct {
	r    *graph.Resource
	path string
}

// subsetRoutes finds the destinations whose subset edge resolves: their
// route is drawn to the subset, whose node leads on to its rule and host.
func subsetRoutes(edges []*graph.Edge) map[fieldRef]bool {
	out := map[fieldRef]bool{}
	for _, e := range edges {
		if e.Kind == graph.EdgeRouteSubset && e.Destination != nil && len(e.To) > 0 {
			out[fieldRef{e.From, e.Destination.Path}] = true
		}
	}
	return out
}

// viaSubset: a route to a host whose subset resolves is drawn once, to
// the subset.
func (b *builder) viaSubset(e *graph.Edge) bool {
	return e.Kind == graph.EdgeRouteHost && e.Destination != nil && b.subsetRoutes[fieldRef{e.From, e.Destination.Path}]
}

// drawnKind: the kinds that route or select traffic, shown even when no
// edge reaches them; any other resource appears once an edge does.
func drawnKind(r *graph.Resource) bool {
	switch r.Group {
	case graph.GroupNetworking, graph.GroupSecurity, graph.GroupTelemetry, graph.GroupExtensions, graph.GroupGatewayAPI:
		return r.Kind != "GatewayClass" && r.Kind != "ReferenceGrant"
	}
	return r.Is(graph.KindService) || r.Workload != nil
}

// ResourceID is the node ID of a resource: Kind[.group]/namespace/name.
func ResourceID(r *graph.Resource) string {
	return r.GroupKind().String() + "/" + r.Namespace + "/" + r.Name
}

func (b *builder) resource(r *graph.Resource) string {
	id := ResourceID(r)
	if _, ok := b.nodes[id]; ok {
		return id
	}
	n := &Node{ID: id, Kind: r.Kind, Group: r.Group, Namespace: r.Namespace, Name: r.Name, Implied: r.Implied}
	if r.Doc != nil {
		n.File = r.Start().File
	}
	if r.Workload != nil && r.Implied == "" {
		n.Mesh = b.g.Injection(r).Mode
	}
	b.nodes[id] = n
	return id
}

func (b *builder) add(e Edge) {
	if b.seen == nil {
		b.seen = map[string]bool{}
	}
	key := strings.Join([]string{e.From, e.To, e.Kind, e.Path, e.Label}, "\x00")
	if b.seen[key] {
		return
	}
	b.seen[key] = true
	b.edges = append(b.edges, &e)
}

// result sorts nodes by ID and edges by endpoints, kind, label and path:
// the same files draw the same picture.
func (b *builder) result() *Graph {
	out := &Graph{Nodes: make([]*Node, 0, len(b.nodes)), Edges: b.edges}
	for _, n := range b.nodes {
		out.Nodes = append(out.Nodes, n)
	}
	sort.Slice(out.Nodes, func(i, j int) bool { return out.Nodes[i].ID < out.Nodes[j].ID })
	sort.SliceStable(out.Edges, func(i, j int) bool { return edgeLess(out.Edges[i], out.Edges[j]) })
	if out.Edges == nil {
		out.Edges = []*Edge{}
	}
	return out
}

func edgeLess(a, b *Edge) bool {
	ka := []string{a.From, a.To, a.Kind, a.Path, a.Label}
	kb := []string{b.From, b.To, b.Kind, b.Path, b.Label}
	return slices.Compare(ka, kb) < 0
}

// findingRules indexes the rule IDs of the findings by resource and
// field path: where findings and edges meet.
func findingRules(findings []*analyzers.Finding) map[*graph.Resource]map[string][]string {
	out := map[*graph.Resource]map[string][]string{}
	for _, f := range findings {
		if f.Resource == nil || f.Suppressed || f.Rule == nil {
			continue
		}
		if out[f.Resource] == nil {
			out[f.Resource] = map[string][]string{}
		}
		out[f.Resource][f.Path] = append(out[f.Resource][f.Path], f.Rule.ID)
	}
	return out
}

// rulesAt are the rules reporting the edge's field or a field inside it.
func (b *builder) rulesAt(e *graph.Edge) []string {
	var ids []string
	for path, rs := range b.rules[e.From] {
		if path == e.Path || strings.HasPrefix(path, e.Path+".") || strings.HasPrefix(path, e.Path+"[") {
			ids = append(ids, rs...)
		}
	}
	slices.Sort(ids)
	return slices.Compact(ids)
}
