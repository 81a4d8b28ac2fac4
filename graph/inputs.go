package graph

import (
	"slices"
	"strings"
	"sync"
)

// WorkloadKinds are the kinds whose pods the graph models as workloads.
func WorkloadKinds() []GroupKind {
	return slices.Clone(sortedWorkloadKinds())
}

// sortedWorkloadKinds sorts the workload kinds once: the rules' inputs
// ask for them about a hundred times while their packages initialize.
var sortedWorkloadKinds = sync.OnceValue(func() []GroupKind {
	kinds := make([]GroupKind, 0, len(workloadTemplatePaths))
	for k := range workloadTemplatePaths {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b GroupKind) int { return strings.Compare(a.String(), b.String()) })
	return kinds
})

// EdgeInputs are the kinds edges of kind k are built from: a rule that
// reads those edges reads these kinds, and declares them in its inputs.
// The resources of an install are implied whatever the files hold; those
// Istio deploys for a Gateway API Gateway come from that kind (implied.go).
func EdgeInputs(k EdgeKind) []GroupKind {
	switch k {
	case EdgeGateway:
		return []GroupKind{KindVirtualService, KindGateway, KindK8sGateway}
	case EdgeRouteHost:
		return []GroupKind{KindVirtualService, KindService, KindServiceEntry, KindK8sGateway}
	case EdgeRouteSubset:
		// Gateways and their workloads: where gateway proxies look
		// DestinationRules up.
		return append([]GroupKind{KindVirtualService, KindDestinationRule, KindGateway}, WorkloadKinds()...)
	case EdgeDestinationRuleHost:
		return []GroupKind{KindDestinationRule, KindService, KindServiceEntry, KindK8sGateway}
	case EdgeGatewayWorkload:
		return append([]GroupKind{KindGateway, KindK8sGateway}, WorkloadKinds()...)
	case EdgeServiceWorkload:
		return append([]GroupKind{KindService, KindK8sGateway}, WorkloadKinds()...)
	case EdgeWorkloadNamespace:
		return append([]GroupKind{KindNamespace}, WorkloadKinds()...)
	case EdgePolicyWorkload:
		return append(slices.Clone(PolicySelectorKinds), WorkloadKinds()...)
	case EdgeUseWaypoint, EdgeTargetRef:
		return ambientEdgeInputs(k)
	}
	if kinds := gatewayAPIEdgeInputs(k); kinds != nil {
		return kinds
	}
	panic("graph: no inputs known for edge kind " + string(k))
}

// HasAny reports whether the files define a resource of one of kinds.
// Implied resources do not count: a rule reports on what the files
// define, and implied ones follow those of the files in each kind's list.
func (g *Graph) HasAny(kinds []GroupKind) bool {
	return slices.ContainsFunc(kinds, func(k GroupKind) bool { return len(g.byKind[k]) > 0 && g.byKind[k][0].Implied == "" })
}

// InjectionInputs are the kinds Injection reads: workloads, their
// Namespaces, and the IstioOperators that may enable injection by default.
func InjectionInputs() []GroupKind {
	return append(EdgeInputs(EdgeWorkloadNamespace), KindIstioOperator)
}
