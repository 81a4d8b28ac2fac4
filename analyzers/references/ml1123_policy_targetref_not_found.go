package references

import (
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// PolicyTargetRefNotFound reports a policy targetRef that attaches to
// nothing: a kind Istio does not attach policies to, a GatewayClass other
// than istio-waypoint or outside the root namespace, or a Gateway,
// Service or ServiceEntry the analyzed manifests do not define.
var PolicyTargetRefNotFound = &analyzers.Rule{
	ID: "ML1123", Name: "policy-targetref-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeTargetRef),
	Summary: "a policy's targetRef names a kind Istio does not attach to, or a Gateway, GatewayClass, Service or ServiceEntry that is not in the analyzed manifests",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1123"),
	Run:     runPolicyTargetRefNotFound,
}

func runPolicyTargetRefNotFound(p *analyzers.Pass) {
	root := p.Graph.Options().Mesh.RootNamespace
	for _, r := range p.Graph.Applied() {
		if !slices.Contains(graph.TargetRefKinds, r.GroupKind()) {
			continue
		}
		edges := p.Graph.EdgesFrom(r, graph.EdgeTargetRef)
		for i, t := range graph.PolicyTargetRefs(r) {
			if t.Templated || (t.Namespace != "" && t.Namespace != r.Namespace) || i >= len(edges) {
				continue // cross-namespace refs are refused by the CRD (ML0120)
			}
			switch e := edges[i]; {
			case t.Unsupported:
				reportUnsupportedTarget(p, r, t)
			case t.IsGatewayClass() && (t.Name != graph.WaypointClass || r.Namespace != root):
				p.Report(r, t.Path+".name", "%s attaches to GatewayClass %q: Istio applies a policy by GatewayClass only for class %s and from the root namespace %s, "+
					"so this one applies to nothing; target the Gateway instead, or move the policy to %s and target %s", r.Kind, t.Name, graph.WaypointClass, root, root, graph.WaypointClass)
			case !e.Resolved():
				f := p.Report(r, t.Path+".name", "%s %q (namespace %s) not found in the analyzed manifests: the %s applies to nothing until it exists; "+
					"fix the name (a targetRef names an object of the policy's own namespace)%s", t.Kind, t.Name, r.Namespace, r.Kind, externalHint(t))
				if !definesKindIn(p.Graph, t.GroupKind(), r.Namespace) {
					f.WithSeverity(analyzers.SeverityInfo)
				}
			}
		}
	}
}

// reportUnsupportedTarget reports a kind policies cannot attach to: the
// validating webhook rejects it, except on an EnvoyFilter, which it lets
// through to attach to nothing.
func reportUnsupportedTarget(p *analyzers.Pass, r *graph.Resource, t graph.TargetRef) {
	f := p.Report(r, t.Path+".kind", "%s cannot attach to %s: Istio attaches policies only to a Gateway or GatewayClass (group gateway.networking.k8s.io), "+
		"a Service (group \"\") or a ServiceEntry (group networking.istio.io); %s", r.Kind, groupKindText(t), unsupportedConsequence(r))
	if r.Is(graph.KindEnvoyFilter) {
		f.WithSeverity(analyzers.SeverityWarning)
	} else {
		f.WithSeverity(analyzers.SeverityError)
	}
}

func unsupportedConsequence(r *graph.Resource) string {
	if r.Is(graph.KindEnvoyFilter) {
		return "the EnvoyFilter applies to nothing; to patch a workload's proxy, use workloadSelector"
	}
	return "Istio's validating webhook rejects the " + r.Kind + "; to apply it to workloads by their labels, use selector"
}

func groupKindText(t graph.TargetRef) string {
	if t.Group == "" {
		return "kind " + t.Kind + " of the core group"
	}
	return "kind " + t.Kind + " of group " + t.Group
}

func externalHint(t graph.TargetRef) string {
	if t.GroupKind() == graph.KindK8sGateway {
		return ", or declare it in externals.gateways if another repository defines it"
	}
	return ""
}

// definesKindIn reports whether the files define an object of kind in
// namespace ns: then they manage those, and one missing is most likely a
// mistake; otherwise (a waypoint made with istioctl, Services deployed by
// another repository) the finding is advice.
func definesKindIn(g *graph.Graph, kind graph.GroupKind, ns string) bool {
	for _, r := range g.OfKind(kind) {
		if r.Namespace == ns && r.Implied == "" {
			return true
		}
	}
	return false
}
