package schema

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// StatusConditionNegative reports status conditions in which the cluster
// said that Istio or the Gateway API did not accept or program a
// resource: manifests exported from a cluster carry them.
var StatusConditionNegative = &analyzers.Rule{
	ID: "ML0113", Name: "status-condition-negative", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs: []graph.GroupKind{graph.KindService, graph.KindServiceEntry, kindWorkloadEntry, graph.KindAuthorizationPolicy,
		graph.KindK8sGateway, kindHTTPRoute, kindGRPCRoute},
	Summary:        "a resource's status carries a condition saying the cluster did not accept, bind or program it",
	Istio:          []string{"IST0171"},
	IstioAnalyzers: []string{"conditions.ConditionAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML0113"),
	Run:            runStatusConditionNegative,
}

var (
	kindWorkloadEntry = graph.GroupKind{Group: graph.GroupNetworking, Kind: "WorkloadEntry"}
	kindHTTPRoute     = graph.GroupKind{Group: graph.GroupGatewayAPI, Kind: "HTTPRoute"}
	kindGRPCRoute     = graph.GroupKind{Group: graph.GroupGatewayAPI, Kind: "GRPCRoute"}
)

// negativeConditions are, per kind (in a fixed order, for deterministic
// output), the condition types that report a failure when "False".
var negativeConditions = []struct {
	kind  graph.GroupKind
	types []string
}{
	{graph.KindService, []string{"istio.io/WaypointBound"}},
	{graph.KindServiceEntry, []string{"istio.io/WaypointBound"}},
	{kindWorkloadEntry, []string{"istio.io/WaypointBound"}},
	{graph.KindAuthorizationPolicy, []string{"ZtunnelAccepted", "WaypointAccepted"}},
	{graph.KindK8sGateway, []string{"Accepted", "Programmed", "ResolvedRefs"}},
	{kindHTTPRoute, []string{"Accepted", "Programmed", "ResolvedRefs"}},
	{kindGRPCRoute, []string{"Accepted", "Programmed", "ResolvedRefs"}},
}

func runStatusConditionNegative(p *analyzers.Pass) {
	for _, n := range negativeConditions {
		gk, types := n.kind, n.types
		for _, r := range p.Graph.OfKind(gk) {
			if r.Implied != "" {
				continue
			}
			for _, c := range statusConditions(r) {
				if negativeCondition(gk, types, c.fields) {
					p.Report(r, c.path+".status", "the %s condition %s is %q (reason %s%s): the cluster this was exported from did not accept the resource as written; "+
						"fix what the reason names, or drop the status before applying", r.Kind, c.fields["type"], c.fields["status"], c.fields["reason"], message(c.fields))
				}
			}
		}
	}
}

// negativeCondition reports a condition whose status is False for one of
// the kind's types, and an AuthorizationPolicy that a waypoint accepted
// only in part (status True, reason PartiallyInvalid): some of its rules
// are not enforced.
func negativeCondition(gk graph.GroupKind, types []string, c map[string]any) bool {
	t, _ := c["type"].(string)
	if gk == graph.KindAuthorizationPolicy && t == "WaypointAccepted" && c["reason"] == "PartiallyInvalid" {
		return true
	}
	for _, want := range types {
		if t == want && c["status"] == "False" {
			return true
		}
	}
	return false
}

type condition struct {
	path   string
	fields map[string]any
}

// statusConditions lists status.conditions, and for routes those of each
// status.parents entry.
func statusConditions(r *graph.Resource) []condition {
	status, _ := r.Object["status"].(map[string]any)
	out := conditionsAt(status, "status")
	parents, _ := status["parents"].([]any)
	for i, p := range parents {
		pm, _ := p.(map[string]any)
		out = append(out, conditionsAt(pm, graph.IndexPath("status.parents", i))...)
	}
	return out
}

func conditionsAt(m map[string]any, base string) []condition {
	list, _ := m["conditions"].([]any)
	var out []condition
	for i, c := range list {
		if cm, ok := c.(map[string]any); ok {
			out = append(out, condition{graph.IndexPath(base+".conditions", i), cm})
		}
	}
	return out
}

// message quotes a condition's message, when it has one.
func message(c map[string]any) string {
	if m, _ := c["message"].(string); m != "" {
		return ": " + m
	}
	return ""
}
