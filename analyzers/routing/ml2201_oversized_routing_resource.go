package routing

import (
	"encoding/json"
	"math"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// The thresholds are options: what is too large depends on the team.
var (
	maxRoutes = &analyzers.Option[int]{Name: "maxRoutes", Default: 100,
		Doc: "HTTP routes a VirtualService may have before it is reported"}
	maxHosts = &analyzers.Option[int]{Name: "maxHosts", Default: 50,
		Doc: "hosts a VirtualService may name before it is reported"}
	maxSubsets = &analyzers.Option[int]{Name: "maxSubsets", Default: 20,
		Doc: "subsets a DestinationRule may define before it is reported"}
	maxBytes = &analyzers.Option[int]{Name: "maxBytes", Default: 262144,
		Doc: "bytes of a VirtualService's or DestinationRule's JSON before it is reported (kubectl apply's annotation limit)"}
)

// OversizedRoutingResource reports VirtualServices and DestinationRules
// past the configured sizes: hard to review, and past maxBytes too large
// for kubectl's client-side apply.
var OversizedRoutingResource = &analyzers.Rule{
	ID: "ML2201", Name: "oversized-routing-resource", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindVirtualService, graph.KindDestinationRule},
	Options: []analyzers.OptionSpec{maxRoutes, maxHosts, maxSubsets, maxBytes},
	Summary: "a VirtualService or DestinationRule has more routes, hosts, subsets or bytes than the configured limits",
	Doc:     analyzers.MustDoc(ruleDocs, "ML2201"),
	Run:     runOversizedRoutingResource,
}

func runOversizedRoutingResource(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil {
			continue
		}
		if n, limit := len(vs.GetHttp()), maxRoutes.Value(p); n > limit {
			p.Report(r, "spec.http", "%d HTTP routes, over the limit of %d (maxRoutes): move groups of routes into delegate "+
				"VirtualServices (a route with delegate instead of route), one per team or path prefix", n, limit)
		}
		if n, limit := len(vs.GetHosts()), maxHosts.Value(p); n > limit {
			p.Report(r, "spec.hosts", "%d hosts, over the limit of %d (maxHosts): split the VirtualService by host, "+
				"or use a wildcard host if the routes are the same", n, limit)
		}
		reportBytes(p, r)
	}
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		dr := r.DestinationRule()
		if dr == nil {
			continue
		}
		if n, limit := len(dr.GetSubsets()), maxSubsets.Value(p); n > limit {
			p.Report(r, "spec.subsets", "%d subsets, over the limit of %d (maxSubsets): remove the subsets no route uses", n, limit)
		}
		reportBytes(p, r)
	}
}

// reportBytes measures the object as JSON, the form kubectl apply stores
// in its last-applied-configuration annotation; past 256 KiB the API
// server refuses that annotation, so client-side apply fails (warning).
func reportBytes(p *analyzers.Pass, r *graph.Resource) {
	if jsonSizeBound(r.Object) <= maxBytes.Value(p) {
		return // most objects: no need to encode them to know
	}
	data, err := json.Marshal(r.Object)
	if err != nil {
		return
	}
	if n, limit := len(data), maxBytes.Value(p); n > limit {
		f := p.Report(r, "metadata.name", "%s is %d bytes as JSON, over the limit of %d (maxBytes): kubectl apply "+
			"(client-side) fails past 262144 bytes; split it, or apply with --server-side", r.Kind, n, limit)
		if n > 262144 {
			f.WithSeverity(analyzers.SeverityWarning)
		}
	}
}

// jsonSizeBound is at least the length of v encoded by encoding/json:
// a string escapes to at most six bytes a byte, plus its quotes; a
// number, bool or null takes at most 32 bytes; each element or member
// adds its separator and brackets. Another type answers a size no
// limit allows, so that it is encoded.
func jsonSizeBound(v any) int {
	switch v := v.(type) {
	case string:
		return 6*len(v) + 2
	case nil, bool, int, int64, uint64, float64:
		return 32
	case []any:
		n := 2
		for _, e := range v {
			n += jsonSizeBound(e) + 1
		}
		return n
	case map[string]any:
		n := 2
		for k, e := range v {
			n += 6*len(k) + 4 + jsonSizeBound(e)
		}
		return n
	}
	return math.MaxInt / 2
}
