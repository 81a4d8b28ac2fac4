package routing

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// MeshVirtualServicesSameHost reports VirtualServices bound to the
// sidecars that name the same host where both are visible: sidecars do
// not merge them, as gateways do, so one set of routes is ignored.
var MeshVirtualServicesSameHost = &analyzers.Rule{
	ID: "ML2005", Name: "mesh-virtualservices-same-host", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindVirtualService},
	Summary:        "several VirtualServices bound to the sidecars name one host; sidecars use one of them",
	Istio:          []string{"IST0109"},
	IstioAnalyzers: []string{"virtualservice.ConflictingMeshGatewayHostsAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2005"),
	Run:            runMeshVirtualServicesSameHost,
}

// sharedHosts is what one VirtualService shares with others: the first
// shared host it names (where it is reported), all shared hosts, and the
// tiers (indexes in MeshHostTiers) where it meets its rivals.
type sharedHosts struct {
	vs    *graph.Resource
	index int
	hosts []string
	tiers []int
}

// runMeshVirtualServicesSameHost reports each VirtualService once, at its
// first shared host: one VirtualService overlapping another on many hosts
// is one mistake.
func runMeshVirtualServicesSameHost(p *analyzers.Pass) {
	tiers := p.Graph.MeshHostTiers()
	byVS := map[*graph.Resource]*sharedHosts{}
	for i, t := range tiers {
		for _, c := range t.Claims {
			s := byVS[c.VirtualService]
			if s == nil {
				s = &sharedHosts{vs: c.VirtualService, index: c.Index}
				byVS[c.VirtualService] = s
			}
			s.index = min(s.index, c.Index)
			if len(s.hosts) == 0 || s.hosts[len(s.hosts)-1] != t.Host { // tiers come sorted by host
				s.hosts = append(s.hosts, t.Host)
			}
			s.tiers = append(s.tiers, i)
		}
	}
	rivals := newRivalNames(tiers)
	for _, s := range byVS {
		names, count := rivals.of(s)
		p.Report(s.vs, graph.IndexPath("spec.hosts", s.index), "VirtualService %s is not the only one bound to the sidecars (gateway mesh) for %s "+
			"(also %s): sidecars do not merge VirtualServices, they use one per host; merge them into one, or keep one "+
			"as the root and move the others' routes into delegate VirtualServices",
			vsName(s.vs), hostList(s.hosts), nameList(names, count))
	}
}

// rivalNames names the rivals of each VirtualService, the other members
// of its tiers, without listing them per VirtualService: with thousands of
// VirtualServices for one host that would be quadratic. Each tier's names
// are sorted once, and the union of several tiers is counted once per
// distinct set of tiers, from the largest of them.
type rivalNames struct {
	tiers  []graph.MeshHostTier
	sorted map[int][]string
	sets   map[int]map[string]bool
	unions map[string]tierUnion
}

// tierUnion is the union of the names of some tiers: its size and its
// first names (one more than a message names, as one may be the
// VirtualService itself).
type tierUnion struct {
	first []string
	size  int
}

const namesShown = 3

func newRivalNames(tiers []graph.MeshHostTier) *rivalNames {
	return &rivalNames{tiers: tiers, sorted: map[int][]string{}, sets: map[int]map[string]bool{}, unions: map[string]tierUnion{}}
}

// of returns the first rivals of s by name and how many there are.
func (r *rivalNames) of(s *sharedHosts) (first []string, count int) {
	key := fmt.Sprint(s.tiers)
	u, ok := r.unions[key]
	if !ok {
		u = r.union(s.tiers)
		r.unions[key] = u
	}
	self := vsName(s.vs)
	for _, n := range u.first {
		if n != self && len(first) < namesShown {
			first = append(first, n)
		}
	}
	return first, u.size - 1
}

// union counts the names in the tiers: those of the largest, and those of
// the others that it lacks.
func (r *rivalNames) union(tiers []int) tierUnion {
	largest := slices.MaxFunc(tiers, func(a, b int) int { return len(r.tiers[a].Claims) - len(r.tiers[b].Claims) })
	first := slices.Clone(r.first(largest))
	extra := map[string]bool{}
	for _, t := range tiers {
		if t == largest {
			continue
		}
		first = append(first, r.first(t)...)
		for _, n := range r.names(t) {
			if !r.set(largest)[n] {
				extra[n] = true
			}
		}
	}
	slices.Sort(first)
	first = slices.Compact(first)
	return tierUnion{first[:min(len(first), namesShown+1)], len(r.names(largest)) + len(extra)}
}

// names are the names of a tier's VirtualServices, sorted: one host's
// claims are of distinct objects, so the names are distinct.
func (r *rivalNames) names(t int) []string {
	if names, ok := r.sorted[t]; ok {
		return names
	}
	var names []string
	for _, c := range r.tiers[t].Claims {
		names = append(names, vsName(c.VirtualService))
	}
	slices.Sort(names)
	r.sorted[t] = names
	return names
}

func (r *rivalNames) first(t int) []string {
	names := r.names(t)
	return names[:min(len(names), namesShown+1)]
}

func (r *rivalNames) set(t int) map[string]bool {
	if set, ok := r.sets[t]; ok {
		return set
	}
	set := map[string]bool{}
	for _, n := range r.names(t) {
		set[n] = true
	}
	r.sets[t] = set
	return set
}

func vsName(r *graph.Resource) string { return r.Namespace + "/" + r.Name }

// nameList names up to three VirtualServices (the first of count), then
// how many more: with thousands on one host, naming all in each finding
// is quadratic output.
func nameList(first []string, count int) string {
	if count <= namesShown {
		return strings.Join(first, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(first, ", "), count-namesShown)
}

// hostList names up to three hosts, then how many more.
func hostList(hosts []string) string {
	if len(hosts) == 1 {
		return "host " + hosts[0]
	}
	if len(hosts) <= 3 {
		return "hosts " + strings.Join(hosts, ", ")
	}
	return fmt.Sprintf("hosts %s and %d more", strings.Join(hosts[:3], ", "), len(hosts)-3)
}
