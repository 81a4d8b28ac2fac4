package routing

import (
	"fmt"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// RouteWeights reports route weights whose effect is not what they seem
// to say. Since Istio 1.15 weights are relative: a destination gets its
// weight divided by the route's total, and the proxy leaves out the
// destinations of weight 0. What Istio rejects (a negative weight, a total
// of 0 over several destinations) is ML0205's.
var RouteWeights = &analyzers.Rule{
	ID: "ML2003", Name: "route-weights", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindVirtualService},
	Summary: "route weights that leave a destination without traffic, repeat a destination, or do not sum to 100",
	Doc:     analyzers.MustDoc(ruleDocs, "ML2003"),
	Run:     runRouteWeights,
}

// weightedDest is one destination of a route with its weight as written.
type weightedDest struct {
	path   string // of the route entry, e.g. spec.http[0].route[1]
	dest   *networking.Destination
	weight int32
}

func runRouteWeights(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil {
			continue
		}
		for _, route := range weightedRoutes(vs) {
			checkRouteWeights(p, r, route)
		}
	}
}

// weightedRoutes lists the route lists of every HTTP, TCP and TLS rule.
func weightedRoutes(vs *networking.VirtualService) [][]weightedDest {
	var out [][]weightedDest
	for i, h := range vs.GetHttp() {
		var route []weightedDest
		for j, d := range h.GetRoute() {
			route = append(route, weightedDest{graph.IndexPath(graph.IndexPath("spec.http", i)+".route", j), d.GetDestination(), d.GetWeight()})
		}
		out = append(out, route)
	}
	l4 := func(field string, i int, routes []*networking.RouteDestination) {
		var route []weightedDest
		for j, d := range routes {
			route = append(route, weightedDest{graph.IndexPath(graph.IndexPath(field, i)+".route", j), d.GetDestination(), d.GetWeight()})
		}
		out = append(out, route)
	}
	for i, t := range vs.GetTcp() {
		l4("spec.tcp", i, t.GetRoute())
	}
	for i, t := range vs.GetTls() {
		l4("spec.tls", i, t.GetRoute())
	}
	return out
}

func checkRouteWeights(p *analyzers.Pass, r *graph.Resource, route []weightedDest) {
	var total int64
	for _, d := range route {
		if d.weight < 0 || d.dest == nil {
			return // ML0205 reports it
		}
		total += int64(d.weight)
	}
	if len(route) < 2 || total == 0 {
		return // one destination takes all traffic; a total of 0 is ML0205's
	}
	if reportRepeatedDestinations(p, r, route) {
		return
	}
	unweighted := false
	for _, d := range route {
		if d.weight == 0 && !r.Has(d.path+".weight") {
			unweighted = true
			p.Report(r, d.path+".destination", "destination %s has no weight while the others of this route have one, "+
				"so it gets no traffic (a weight of 0 leaves it out); give it a weight, or write weight: 0 if it is drained on purpose",
				destName(d.dest))
		}
	}
	if !unweighted && total != 100 {
		p.Report(r, route[0].path[:strings.LastIndex(route[0].path, "[")], "weights sum to %d, not 100: "+
			"Istio divides each by the total, so %s; write weights that sum to 100 to say so plainly",
			total, split(route, total)).WithSeverity(analyzers.SeverityInfo)
	}
}

// reportRepeatedDestinations reports a destination (host, subset and port)
// that an earlier entry of the route already names, as Kiali's KIA1105
// does: usually a copy whose subset or port was not changed.
func reportRepeatedDestinations(p *analyzers.Pass, r *graph.Resource, route []weightedDest) bool {
	domain := p.Graph.Options().ClusterDomain
	seen := map[string]int{}
	found := false
	for i, d := range route {
		if graph.HasPlaceholder(d.dest.GetHost()) {
			continue
		}
		key := fmt.Sprintf("%s|%s|%d", graph.FQDN(d.dest.GetHost(), r.Namespace, domain), d.dest.GetSubset(), d.dest.GetPort().GetNumber())
		if first, ok := seen[key]; ok {
			found = true
			p.Report(r, d.path+".destination", "destination %s is already route[%d] of this rule, so their weights add up "+
				"and no other destination gets them; change its subset or port, or merge the two entries", destName(d.dest), first)
			continue
		}
		seen[key] = i
	}
	return found
}

// split states the share of each destination, e.g. "v1 gets 25%, v2 75%".
func split(route []weightedDest, total int64) string {
	parts := make([]string, len(route))
	for i, d := range route {
		share := float64(d.weight) * 100 / float64(total)
		parts[i] = destName(d.dest) + " " + strconv.FormatFloat(share, 'f', -1, 64)
		if share != float64(int64(share)) {
			parts[i] = destName(d.dest) + " " + strconv.FormatFloat(share, 'f', 1, 64)
		}
		parts[i] += "%"
	}
	parts[0] = strings.Replace(parts[0], " ", " gets ", 1)
	return strings.Join(parts, ", ")
}

// destName writes a destination as host, host/subset or host:port.
func destName(d *networking.Destination) string {
	s := d.GetHost()
	if d.GetSubset() != "" {
		s += "/" + d.GetSubset()
	}
	if n := d.GetPort().GetNumber(); n != 0 {
		s += ":" + strconv.Itoa(int(n))
	}
	return s
}
