package graph

import (
	"slices"
	"strings"
)

// WorkloadKinds are the kinds whose pods the graph models as workloads.
func WorkloadKinds() []GroupKind {
	kinds := make([]GroupKind, 0, len(workloadTemplatePaths))
	for k := range workloadTemplatePaths {
		kinds = append(kinds, k)
	}
	slices.SortFunc(kinds, func(a, b GroupKind) int { return strings.Compare(a.String(), b.String()) })
	return kinds
}

// EdgeInputs are the kinds edges of kind k are built from: a rule that
// reads those edges reads these kinds, and declares them in its inputs.
// The assumed default ingress gateway is no kind: it is always there.
func EdgeInputs(k EdgeKind) []GroupKind {
	switch k {
	case EdgeGateway:
		return []GroupKind{KindVirtualService, KindGateway, KindK8sGateway}
	case EdgeRouteHost:
		return []GroupKind{KindVirtualService, KindService, KindServiceEntry}
	case EdgeRouteSubset:
		// Gateways and their workloads: where gateway proxies look
		// DestinationRules up.
		return append([]GroupKind{KindVirtualService, KindDestinationRule, KindGateway}, WorkloadKinds()...)
	case EdgeDestinationRuleHost:
		return []GroupKind{KindDestinationRule, KindService, KindServiceEntry}
	case EdgeGatewayWorkload:
		return append([]GroupKind{KindGateway}, WorkloadKinds()...)
	case EdgeServiceWorkload:
		return append([]GroupKind{KindService}, WorkloadKinds()...)
	case EdgeWorkloadNamespace:
		return append([]GroupKind{KindNamespace}, WorkloadKinds()...)
	}
	panic("graph: no inputs known for edge kind " + string(k))
}

// HasAny reports whether the graph holds a resource of one of kinds.
func (g *Graph) HasAny(kinds []GroupKind) bool {
	return slices.ContainsFunc(kinds, func(k GroupKind) bool { return len(g.byKind[k]) > 0 })
}
