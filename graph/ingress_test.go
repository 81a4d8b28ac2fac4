package graph

import "testing"

// The default ingress gateway is assumed only when the files do not hold
// it already; otherwise gateway edges would list it twice.
func TestAssumedIngressNotDuplicated(t *testing.T) {
	gateway := lines(
		"apiVersion: networking.istio.io/v1",
		"kind: Gateway",
		"metadata: {name: gw, namespace: web}",
		"spec: {selector: {istio: ingressgateway}}",
	)
	ingress := lines(
		"---",
		"apiVersion: apps/v1",
		"kind: Deployment",
		"metadata: {name: istio-ingressgateway, namespace: istio-system}",
		"spec: {template: {metadata: {labels: {istio: ingressgateway, app: istio-ingressgateway}}}}",
	)
	tests := []struct {
		name        string
		content     string
		wantAssumed int
		wantTotal   int
	}{
		{"not in files: assumed", gateway, 1, 1},
		{"in files: not assumed", gateway + ingress, 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadYAML(t, tt.content)
			edges := g.EdgesFrom(mustGet(t, g, KindGateway, "web", "gw"), EdgeGatewayWorkload)
			if len(edges) != 1 {
				t.Fatalf("%d gateway-workload edges", len(edges))
			}
			assumed := 0
			for _, w := range edges[0].Workloads {
				if w.Implied() {
					assumed++
				}
			}
			if assumed != tt.wantAssumed || len(edges[0].Workloads) != tt.wantTotal {
				t.Errorf("workloads %v: %d assumed, want %d of %d", workloadNames(edges[0].Workloads), assumed, tt.wantAssumed, tt.wantTotal)
			}
		})
	}
}
