package gateways

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIPolicySelector reports policies that reach Gateway API gateway
// pods through a workload selector rather than targetRefs.
var GatewayAPIPolicySelector = &analyzers.Rule{
	ID: "ML5008", Name: "gatewayapi-gateway-policy-selector", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgePolicyWorkload),
	Summary:        "a policy selects the pods of a Gateway API gateway by labels instead of attaching to the Gateway with targetRefs",
	Istio:          []string{"IST0166"},
	IstioAnalyzers: []string{"k8sgateway.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5008"),
	Run:            runGatewayAPIPolicySelector,
}

// gatewayPolicyKinds are the policies Istio attaches to Gateway API
// gateways by targetRefs.
var gatewayPolicyKinds = []graph.GroupKind{graph.KindAuthorizationPolicy, graph.KindRequestAuthentication, graph.KindTelemetry, graph.KindWasmPlugin}

func runGatewayAPIPolicySelector(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgePolicyWorkload) {
		if e.From.Implied != "" || !slices.Contains(gatewayPolicyKinds, e.From.GroupKind()) {
			continue
		}
		if sel, _ := graph.PolicySelector(e.From); sel == nil {
			continue // namespace-wide: no selector to replace
		}
		gateways := gatewayAPINames(e.Workloads)
		if len(gateways) == 0 {
			continue
		}
		p.Report(e.From, e.Path,
			"this selector picks the pods of Gateway API gateway %s: istiod applies selector-based policies to such gateways only while ENABLE_SELECTOR_BASED_K8S_GATEWAY_POLICY is on (the default), and waypoints never; attach the policy with targetRefs (group gateway.networking.k8s.io, kind Gateway, name %s) instead",
			strings.Join(gateways, ", "), gateways[0])
	}
}

// gatewayAPINames are the Gateway API gateways whose pods are among ws,
// named by their gateway-name label, sorted.
func gatewayAPINames(ws []*graph.Workload) []string {
	var names []string
	for _, w := range ws {
		if n := w.Labels[graph.LabelGatewayName]; n != "" && !slices.Contains(names, n) {
			names = append(names, n)
		}
	}
	slices.Sort(names)
	return names
}
