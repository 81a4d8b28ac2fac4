package meshgraph

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/fieldpath"
)

// Style is how an edge kind is drawn. Kinds not in styles get the
// default: a solid grey arrow labelled with nothing but what the edge
// itself says.
type Style struct {
	Verb   string // label prefix, e.g. "selects"
	Color  string
	Dashed bool
	// Omit leaves the kind out: namespaces are drawn as clusters already.
	Omit bool
}

var defaultStyle = Style{Color: "#555555"}

var styles = map[string]Style{
	string(graph.EdgeGateway):             {Verb: "bound to", Color: "#1f6feb"},
	string(graph.EdgeRouteHost):           {Color: "#1a7f37"},
	string(graph.EdgeRouteSubset):         {Color: "#1a7f37"},
	string(graph.EdgeDestinationRuleHost): {Verb: "policy for", Color: "#8250df", Dashed: true},
	string(graph.EdgeGatewayWorkload):     {Verb: "runs on", Color: "#1f6feb"},
	string(graph.EdgeServiceWorkload):     {Verb: "selects", Color: "#555555"},
	string(graph.EdgePolicyWorkload):      {Verb: "applies to", Color: "#9a6700", Dashed: true},
	string(graph.EdgeWorkloadNamespace):   {Omit: true},
	string(graph.EdgeTargetRef):           {Verb: "targets", Color: "#9a6700", Dashed: true},
	string(graph.EdgeUseWaypoint):         {Verb: "uses waypoint", Color: "#bf3989"},
	KindSubsetOf:                          {Color: "#8250df", Dashed: true},
	KindCandidate:                         {Color: unknownGrey, Dashed: true},
}

// Broken edges are red and dashed whatever their kind; unresolved ones
// no finding reports are grey and dashed.
const (
	brokenColor = "#d1242f"
	unknownGrey = "#8c959f"
)

func edgeStyle(kind graph.EdgeKind) Style { return styleOf(string(kind)) }

func styleOf(kind string) Style {
	if s, ok := styles[kind]; ok {
		return s
	}
	return defaultStyle
}

// edgeLabel summarizes what the reference says: for routes the match,
// weight, subset and port; for others the kind's verb.
func edgeLabel(e *graph.Edge) string {
	if d := e.Destination; d != nil {
		return routeLabel(e, d)
	}
	return styleOf(string(e.Kind)).Verb
}

func routeLabel(e *graph.Edge, d *graph.Destination) string {
	var parts []string
	vs := e.From.VirtualService()
	if d.Mirror {
		parts = append(parts, "mirror")
	}
	if d.Protocol == "http" && vs != nil && d.Rule < len(vs.GetHttp()) {
		if m := matchSummary(vs.GetHttp()[d.Rule].GetMatch()); m != "" {
			parts = append(parts, m)
		}
	}
	if w := routeWeight(vs, d); w > 0 && w < 100 {
		parts = append(parts, fmt.Sprintf("%d%%", w))
	}
	if d.Subset != "" {
		parts = append(parts, "subset "+d.Subset)
	}
	if d.PortSet {
		parts = append(parts, fmt.Sprintf("port %d", d.Port))
	}
	return strings.Join(parts, ", ")
}

// routeWeight reads the weight of the route d belongs to from the typed
// spec: the route's index is the one in d's path.
func routeWeight(vs *networking.VirtualService, d *graph.Destination) int32 {
	if vs == nil || d.Mirror {
		return 0
	}
	j := routeIndex(d.Path)
	switch d.Protocol {
	case "http":
		if d.Rule < len(vs.GetHttp()) && j < len(vs.GetHttp()[d.Rule].GetRoute()) {
			return vs.GetHttp()[d.Rule].GetRoute()[j].GetWeight()
		}
	case "tcp":
		if d.Rule < len(vs.GetTcp()) && j < len(vs.GetTcp()[d.Rule].GetRoute()) {
			return vs.GetTcp()[d.Rule].GetRoute()[j].GetWeight()
		}
	case "tls":
		if d.Rule < len(vs.GetTls()) && j < len(vs.GetTls()[d.Rule].GetRoute()) {
			return vs.GetTls()[d.Rule].GetRoute()[j].GetWeight()
		}
	}
	return 0
}

// routeIndex is the index after "route" in a destination's path.
func routeIndex(path string) int {
	idx, afterRoute := 0, false
	_ = fieldpath.Each(path, func(s fieldpath.Segment) bool {
		if afterRoute && s.IsIndex {
			idx = s.Index
			return false
		}
		afterRoute = !s.IsIndex && s.Key == "route"
		return true
	})
	return idx
}

// matchSummary words the first match of a rule (and how many more):
// "uri prefix /api", "header end-user=jason".
func matchSummary(ms []*networking.HTTPMatchRequest) string {
	if len(ms) == 0 {
		return ""
	}
	var parts []string
	m := ms[0]
	if s := stringMatch(m.GetUri()); s != "" {
		parts = append(parts, "uri "+s)
	}
	if s := stringMatch(m.GetMethod()); s != "" {
		parts = append(parts, "method "+s)
	}
	if s := stringMatch(m.GetAuthority()); s != "" {
		parts = append(parts, "authority "+s)
	}
	for _, k := range sortedKeys(m.GetHeaders()) {
		parts = append(parts, "header "+k+" "+stringMatch(m.GetHeaders()[k]))
	}
	for _, k := range sortedKeys(m.GetQueryParams()) {
		parts = append(parts, "query "+k+" "+stringMatch(m.GetQueryParams()[k]))
	}
	if m.GetPort() != 0 {
		parts = append(parts, fmt.Sprintf("port %d", m.GetPort()))
	}
	if len(parts) == 0 {
		parts = append(parts, "match")
	}
	s := strings.Join(parts, " ")
	if len(ms) > 1 {
		s += fmt.Sprintf(" (+%d)", len(ms)-1)
	}
	return s
}

func stringMatch(m *networking.StringMatch) string {
	switch {
	case m == nil:
		return ""
	case m.GetExact() != "":
		return "= " + m.GetExact()
	case m.GetPrefix() != "":
		return "prefix " + m.GetPrefix()
	case m.GetRegex() != "":
		return "~ " + m.GetRegex()
	}
	return "present"
}

func sortedKeys[V any](m map[string]V) []string {
	return slices.Sorted(maps.Keys(m))
}
