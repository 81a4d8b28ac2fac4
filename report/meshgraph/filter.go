package meshgraph

import (
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

// Filter narrows a picture: the neighbourhood of one service or resource,
// some kinds only.
type Filter struct {
	// Focus are hosts (reviews, reviews.bookinfo.svc.cluster.local),
	// resources (KIND/NAMESPACE/NAME) or files (the resources they
	// define); none draws everything.
	Focus []string
	// Depth is how many edges away from the focus are drawn.
	Depth int
	// Kinds keeps the nodes of these kinds (case-insensitive; a subset
	// counts as a DestinationRule); empty keeps all.
	Kinds []string
}

// Apply returns the part of m that f selects; an error says the focus
// matches nothing.
func (f Filter) Apply(m *Graph, g *graph.Graph) (*Graph, error) {
	keep := map[string]bool{}
	for _, n := range m.Nodes {
		keep[n.ID] = true
	}
	if len(f.Focus) > 0 {
		var seeds []string
		for _, focus := range f.Focus {
			seeds = append(seeds, focusSeeds(m, g, focus)...)
		}
		if len(seeds) == 0 {
			return nil, fmt.Errorf("--focus %s: no resource, host or file of that name in the graph", strings.Join(f.Focus, ","))
		}
		keep = neighbourhood(m, seeds, f.Depth)
	}
	if len(f.Kinds) > 0 {
		for _, n := range m.Nodes {
			if keep[n.ID] && !kindSelected(n, f.Kinds) {
				delete(keep, n.ID)
			}
		}
	}
	return m.subgraph(keep), nil
}

// kindSelected: Missing and External nodes stay with the edge that points
// at them; a subset is part of its DestinationRule.
func kindSelected(n *Node, kinds []string) bool {
	kind := n.Kind
	switch kind {
	case KindMissing, KindExternal:
		return true
	case KindSubset:
		kind = graph.KindDestinationRule.Kind
	}
	return slices.ContainsFunc(kinds, func(k string) bool { return strings.EqualFold(strings.TrimSpace(k), kind) })
}

// focusSeeds are the nodes the focus names: the resources of a file,
// KIND/NS/NAME, or the Services and ServiceEntries serving a host, and
// missing targets of it.
func focusSeeds(m *Graph, g *graph.Graph, focus string) []string {
	var seeds []string
	if isManifestName(focus) {
		for _, n := range m.Nodes {
			if n.File != "" && filepath.Clean(n.File) == filepath.Clean(focus) {
				seeds = append(seeds, n.ID)
			}
		}
		return seeds
	}
	if parts := strings.Split(focus, "/"); len(parts) == 3 {
		for _, n := range m.Nodes {
			if strings.EqualFold(n.Kind, parts[0]) && n.Namespace == parts[1] && n.Name == parts[2] {
				seeds = append(seeds, n.ID)
			}
		}
		return seeds
	}
	ns, domain := g.Options().DefaultNamespace, g.Options().ClusterDomain
	fqdn := graph.FQDN(focus, ns, domain)
	hosts := []string{focus}
	if strings.Count(focus, ".") == 1 { // name.namespace, as Kubernetes DNS reads it
		hosts = append(hosts, focus+".svc."+domain)
	}
	for _, h := range hosts {
		for _, e := range g.ResolveHost(h, ns, nil) {
			seeds = append(seeds, ResourceID(e.Resource))
		}
	}
	for _, n := range m.Nodes {
		if !strings.Contains(focus, ".") && (n.Kind == "Service" || n.Kind == "ServiceEntry") && n.Name == focus {
			seeds = append(seeds, n.ID) // a short name: that Service in any namespace
		}
	}
	for _, n := range m.Nodes {
		if n.Kind == KindMissing && (n.Name == fqdn || n.Name == focus) {
			seeds = append(seeds, n.ID)
		}
	}
	slices.Sort(seeds)
	return slices.Compact(seeds)
}

func isManifestName(s string) bool {
	ext := strings.ToLower(filepath.Ext(s))
	return ext == ".yaml" || ext == ".yml" || ext == ".json"
}

// neighbourhood is every node within depth edges of a seed, either way.
func neighbourhood(m *Graph, seeds []string, depth int) map[string]bool {
	adj := map[string][]string{}
	for _, e := range m.Edges {
		adj[e.From] = append(adj[e.From], e.To)
		adj[e.To] = append(adj[e.To], e.From)
	}
	keep := map[string]bool{}
	frontier := seeds
	for _, s := range seeds {
		keep[s] = true
	}
	for d := 0; d < depth && len(frontier) > 0; d++ {
		var next []string
		for _, id := range frontier {
			for _, o := range adj[id] {
				if !keep[o] {
					keep[o] = true
					next = append(next, o)
				}
			}
		}
		frontier = next
	}
	return keep
}

func (m *Graph) subgraph(keep map[string]bool) *Graph {
	out := &Graph{Nodes: []*Node{}, Edges: []*Edge{}}
	for _, n := range m.Nodes {
		if keep[n.ID] {
			out.Nodes = append(out.Nodes, n)
		}
	}
	for _, e := range m.Edges {
		if keep[e.From] && keep[e.To] {
			out.Edges = append(out.Edges, e)
		}
	}
	return out
}
