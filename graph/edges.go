package graph

import (
	"path"
	"slices"
	"strings"
	"sync"

	"github.com/meshlint/meshlint/internal/parallel"
)

// EdgeKind names a typed relation of the graph.
type EdgeKind string

const (
	// EdgeGateway: VirtualService spec.gateways[i] → Gateway (Istio or Gateway API).
	EdgeGateway EdgeKind = "virtualservice-gateway"
	// EdgeRouteHost: VirtualService route/mirror destination → Service or ServiceEntry.
	EdgeRouteHost EdgeKind = "route-host"
	// EdgeRouteSubset: VirtualService destination subset → DestinationRules defining it.
	EdgeRouteSubset EdgeKind = "route-subset"
	// EdgeDestinationRuleHost: DestinationRule spec.host → Service or ServiceEntry.
	EdgeDestinationRuleHost EdgeKind = "destinationrule-host"
	// EdgeGatewayWorkload: Gateway spec.selector → gateway workloads.
	EdgeGatewayWorkload EdgeKind = "gateway-workload"
	// EdgeServiceWorkload: Service spec.selector → workloads of its namespace.
	EdgeServiceWorkload EdgeKind = "service-workload"
	// EdgeWorkloadNamespace: workload → its Namespace object.
	EdgeWorkloadNamespace EdgeKind = "workload-namespace"
	// EdgePolicyWorkload: a policy's workload selector (AuthorizationPolicy,
	// PeerAuthentication, RequestAuthentication, Telemetry, WasmPlugin
	// spec.selector; Sidecar, EnvoyFilter spec.workloadSelector) → the
	// workloads it applies to. An AuthorizationPolicy without selector
	// has one too, from metadata.namespace to every workload it covers.
	EdgePolicyWorkload EdgeKind = "policy-workload"
)

// Edge is one reference from a field of a resource to what it resolves to.
// An edge with no targets and External false is a dangling reference.
type Edge struct {
	Kind EdgeKind
	From *Resource
	Path string // field path of the reference in From
	Ref  string // the reference as written
	// Target is the normalized reference: an FQDN, "ns/name", a selector.
	Target string
	To     []*Resource
	// Hosts are the matched host entries (host edges).
	Hosts []*HostEntry
	// Workloads are the selected workloads (selector edges), assumed ones included.
	Workloads []*Workload
	// External is true when the target is declared to exist outside the files.
	External bool
	// Destination is the route destination (route edges).
	Destination *Destination
	// Candidates are resources that almost matched, for messages: the
	// DestinationRules of the host when a subset is missing.
	Candidates []*Resource
	// NotExportedTo is, for a subset edge, a namespace whose proxies run
	// the route but cannot see a DestinationRule that defines the subset
	// (one of Candidates): its exportTo leaves that namespace out.
	NotExportedTo string
	// API is the reference as read, for Gateway API edges (gatewayapi_edges.go).
	API APIRef
}

// Resolved reports whether the reference points at something.
func (e *Edge) Resolved() bool {
	return e.External || len(e.To) > 0 || len(e.Workloads) > 0
}

// Edges returns all edges of a kind, in resource then field order.
func (g *Graph) Edges(kind EdgeKind) []*Edge {
	if g.edgesByKind == nil { // still building
		var out []*Edge
		for _, e := range g.edges {
			if e.Kind == kind {
				out = append(out, e)
			}
		}
		return out
	}
	return slices.Clone(g.edgesByKind()[kind])
}

// indexEdgesByKind groups the edges by kind, in order: some thirty rules
// and views each ask for the edges of a kind, and scanning them all for
// each was a few percent of a large run.
func (g *Graph) indexEdgesByKind() map[EdgeKind][]*Edge {
	out := map[EdgeKind][]*Edge{}
	for _, e := range g.edges {
		out[e.Kind] = append(out[e.Kind], e)
	}
	return out
}

// EdgesFrom returns the edges of a kind that start at r.
func (g *Graph) EdgesFrom(r *Resource, kind EdgeKind) []*Edge {
	var out []*Edge
	for _, e := range g.edgesFrom[r] {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

// EdgesOf returns every edge that starts at r, in field order.
func (g *Graph) EdgesOf(r *Resource) []*Edge { return g.edgesFrom[r] }

// EdgesTo returns the edges of a kind that resolve to r, in resource then
// field order: the VirtualServices bound to a Gateway, for instance.
func (g *Graph) EdgesTo(r *Resource, kind EdgeKind) []*Edge {
	var out []*Edge
	for _, e := range g.edgesTo[r] {
		if e.Kind == kind {
			out = append(out, e)
		}
	}
	return out
}

func (g *Graph) addEdge(e *Edge) {
	g.edges = append(g.edges, e)
	g.edgesFrom[e.From] = append(g.edgesFrom[e.From], e)
	g.addEdgesTo([]*Edge{e})
}

// addEdgesTo indexes edges by the resources they lead to, and Services by
// the workloads they select.
func (g *Graph) addEdgesTo(edges []*Edge) {
	for _, e := range edges {
		for _, to := range e.To {
			g.edgesTo[to] = append(g.edgesTo[to], e)
		}
		if e.Kind == EdgeServiceWorkload {
			for _, w := range e.Workloads {
				g.servicesByWorkload[w.Resource] = append(g.servicesByWorkload[w.Resource], e.From)
			}
		}
	}
}

// buildEdges links the resources. A resource's edges only read the
// indexes built before, so they are built in parallel, then added in
// resource order: the graph is the same whatever the scheduling.
func (g *Graph) buildEdges() {
	g.edgesFrom = map[*Resource][]*Edge{}
	g.edgesTo = map[*Resource][]*Edge{}
	g.servicesByWorkload = map[*Resource][]*Resource{}
	workloads := newWorkloadIndex(g.workloads)
	subsets := buildSubsetIndex(g, workloads)
	all := g.All()
	perResource := make([][]*Edge, len(all))
	parallel.For(len(all), func(i int) {
		perResource[i] = g.resourceEdges(all[i], subsets, workloads)
	})
	total := 0
	for _, edges := range perResource {
		total += len(edges)
	}
	g.edges = make([]*Edge, 0, total)
	g.edgesByKind = sync.OnceValue(g.indexEdgesByKind)
	g.edgesFrom = make(map[*Resource][]*Edge, len(all))
	for i, edges := range perResource {
		if len(edges) > 0 && fromOne(all[i], edges) && g.edgesFrom[all[i]] == nil {
			// the usual case: one entry for all of them, not an append each
			g.edgesFrom[all[i]] = edges[:len(edges):len(edges)]
			g.edges = append(g.edges, edges...)
			g.addEdgesTo(edges)
			continue
		}
		for _, e := range edges {
			g.addEdge(e)
		}
	}
}

// fromOne reports whether all edges are from r.
func fromOne(r *Resource, edges []*Edge) bool {
	for _, e := range edges {
		if e.From != r {
			return false
		}
	}
	return true
}

// resourceEdges returns the edges from r.
func (g *Graph) resourceEdges(r *Resource, subsets subsetIndex, workloads *workloadIndex) []*Edge {
	var out []*Edge
	switch {
	case r.Is(KindVirtualService) && r.VirtualService() != nil:
		out = g.virtualServiceEdges(r, subsets)
	case r.Is(KindDestinationRule) && r.DestinationRule() != nil:
		dr := r.DestinationRule()
		out = append(out, g.hostEdge(EdgeDestinationRuleHost, r, "spec.host", dr.GetHost(), dr.GetExportTo(), nil))
	case r.Is(KindGateway) && r.Gateway() != nil:
		sel := r.Gateway().GetSelector()
		out = append(out, &Edge{Kind: EdgeGatewayWorkload, From: r, Path: "spec.selector", Target: SelectorString(sel),
			Workloads: workloads.match(sel, "", true)})
	case r.Is(KindService) && r.Service != nil && len(r.Service.Selector) > 0:
		out = append(out, &Edge{Kind: EdgeServiceWorkload, From: r, Path: "spec.selector", Target: SelectorString(r.Service.Selector),
			Workloads: workloads.match(r.Service.Selector, r.Namespace, false)})
	}
	out = append(out, g.gatewayAPIEdges(r)...)
	if e := g.policyWorkloadEdge(r, workloads); e != nil {
		out = append(out, e)
	}
	out = append(out, g.ambientEdges(r)...)
	if r.Workload != nil {
		e := &Edge{Kind: EdgeWorkloadNamespace, From: r, Path: "metadata.namespace", Ref: r.Namespace, Target: r.Namespace}
		if ns := g.Namespace(r.Namespace); ns != nil {
			e.To = []*Resource{ns}
		}
		out = append(out, e)
	}
	return out
}

func (g *Graph) virtualServiceEdges(r *Resource, subsets subsetIndex) []*Edge {
	var out []*Edge
	vs := r.VirtualService()
	for _, ref := range VirtualServiceGatewayRefs(vs) {
		if ref.Name == "mesh" {
			continue
		}
		out = append(out, g.gatewayEdge(r, ref))
	}
	for _, d := range r.Destinations() {
		d := d
		out = append(out, g.hostEdge(EdgeRouteHost, r, d.Path+".host", d.Host, vs.GetExportTo(), &d))
		if d.Subset != "" {
			out = append(out, subsets.edge(g, r, &d))
		}
	}
	return out
}

func (g *Graph) hostEdge(kind EdgeKind, from *Resource, fieldPath, host string, exportTo []string, d *Destination) *Edge {
	e := &Edge{Kind: kind, From: from, Path: fieldPath, Ref: host, Target: FQDN(host, from.Namespace, g.opts.ClusterDomain), Destination: d}
	e.Hosts = g.ResolveHost(host, from.Namespace, exportTo)
	e.To = hostResources(e.Hosts)
	e.External = len(e.To) == 0 && host != "" && g.isExternalHost(e.Target)
	return e
}

// hostResources lists the resources of hosts once each, in order. A host
// resolves to a few entries: they are compared in place, and only a long
// list (a wildcard over a large mesh) is deduplicated with a map.
func hostResources(hosts []*HostEntry) []*Resource {
	var out []*Resource
	var seen map[*Resource]bool
	for _, h := range hosts {
		switch {
		case len(out) < 8:
			if slices.Contains(out, h.Resource) {
				continue
			}
		case seen == nil:
			seen = make(map[*Resource]bool, len(hosts))
			for _, r := range out {
				seen[r] = true
			}
			fallthrough
		default:
			if seen[h.Resource] {
				continue
			}
			seen[h.Resource] = true
		}
		out = append(out, h.Resource)
	}
	return out
}

func (g *Graph) isExternalHost(host string) bool {
	for _, pattern := range g.opts.Externals.Hosts {
		if HostsMatch(pattern, host) {
			return true
		}
	}
	return false
}

// ResolveGatewayName turns a VirtualService gateway reference into a
// namespace and name: "ns/name", the legacy "name.ns[.svc.domain]", or a
// bare name in the VirtualService's namespace.
func ResolveGatewayName(ref, vsNamespace string) (ns, name string) {
	if i := strings.IndexByte(ref, '/'); i >= 0 {
		return ref[:i], ref[i+1:]
	}
	if i := strings.IndexByte(ref, '.'); i >= 0 {
		rest := ref[i+1:]
		if j := strings.IndexByte(rest, '.'); j >= 0 {
			rest = rest[:j]
		}
		return rest, ref[:i]
	}
	return vsNamespace, ref
}

func (g *Graph) gatewayEdge(vs *Resource, ref GatewayRef) *Edge {
	ns, name := ResolveGatewayName(ref.Name, vs.Namespace)
	e := &Edge{Kind: EdgeGateway, From: vs, Path: ref.Path, Ref: ref.Name, Target: ns + "/" + name}
	if gw := g.Get(Key{KindGateway, ns, name}); gw != nil {
		e.To = []*Resource{gw}
	} else if gw := g.Get(Key{KindK8sGateway, ns, name}); gw != nil {
		e.To = []*Resource{gw}
	}
	if len(e.To) == 0 {
		for _, pattern := range g.opts.Externals.Gateways {
			if ok, _ := path.Match(pattern, e.Target); ok {
				e.External = true
			}
		}
	}
	return e
}
