package graph

import (
	"strings"
	"testing"
)

// Implied resources: what a default install creates (unless switched
// off) and what Istio deploys for Gateway API Gateways, never what the
// files define already.
func TestImpliedResources(t *testing.T) {
	k8sGateway := func(name, class, extra string) string {
		return lines(
			"---",
			"apiVersion: gateway.networking.k8s.io/v1",
			"kind: Gateway",
			"metadata: {name: "+name+", namespace: edge"+extra+"}",
			"spec:",
			"  gatewayClassName: "+class,
			"  listeners: [{name: http, port: 80, protocol: HTTP}, {name: HTTP-alt, port: 8080, protocol: HTTP}, {name: again, port: 80, protocol: HTTP}]",
		)
	}
	install := []string{"Service istio-system/istio-ingressgateway", "Deployment istio-system/istio-ingressgateway",
		"Service istio-system/istio-egressgateway", "Deployment istio-system/istio-egressgateway", "Service istio-system/istiod"}
	tests := []struct {
		name    string
		assume  bool
		content string
		want    []string
	}{
		{"install only", true, "", install},
		{"switched off", false, "", nil},
		{"files win", true, lines(
			"apiVersion: v1",
			"kind: Service",
			"metadata: {name: istiod, namespace: istio-system}",
			"---",
			"apiVersion: apps/v1",
			"kind: Deployment",
			"metadata: {name: my-egress, namespace: istio-system}",
			"spec: {template: {metadata: {labels: {istio: egressgateway}}}}",
		), install[:3]},
		{"gateway of class istio", false, k8sGateway("shop", "istio", ""), []string{"Service edge/shop-istio", "Deployment edge/shop-istio"}},
		{"waypoint keeps its name", false, k8sGateway("waypoint", "istio-waypoint", ""), []string{"Service edge/waypoint", "Deployment edge/waypoint"}},
		{"name override", false, k8sGateway("shop", "istio", ", annotations: {gateway.istio.io/name-override: front}"), []string{"Service edge/front", "Deployment edge/front"}},
		{"other class", false, k8sGateway("shop", "other", ""), nil},
		{"hostname address: not deployed", false, k8sGateway("shop", "istio", "") + "\n  addresses: [{type: Hostname, value: ingress.example}]", nil},
		{"IP address: deployed", false, k8sGateway("shop", "istio", "") + "\n  addresses: [{value: 10.0.0.1}]", []string{"Service edge/shop-istio", "Deployment edge/shop-istio"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.AssumeDefaultIngress = tt.assume
			g := loadYAMLOpts(t, opts, tt.content)
			var got []string
			for _, r := range g.Implied {
				got = append(got, r.Key().String())
				if g.Get(r.Key()) != r || r.Doc != nil || r.Location("spec") != (Location{}) || !strings.Contains(r.String(), "(implied: ") {
					t.Errorf("%s: not indexed, or has a document, a location or no word of being implied", r)
				}
			}
			if !equalStrings(got, tt.want) {
				t.Errorf("implied %v; want %v", got, tt.want)
			}
			for _, r := range g.Resources {
				if r.Implied != "" {
					t.Errorf("%s is implied but among the files' resources", r)
				}
			}
		})
	}
}

// The Service deployed for a Gateway has the status port and each
// listener port once, and selects the deployed pods.
func TestImpliedGatewayService(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: gateway.networking.k8s.io/v1",
		"kind: Gateway",
		"metadata: {name: shop, namespace: edge}",
		"spec:",
		"  gatewayClassName: istio",
		"  listeners: [{name: http, port: 80, protocol: HTTP}, {name: HTTP-alt, port: 8080, protocol: HTTP}, {name: again, port: 80, protocol: HTTP}]",
	))
	svc := mustGet(t, g, KindService, "edge", "shop-istio")
	var ports []string
	for _, p := range svc.Service.Ports {
		ports = append(ports, p.Name+":"+PortList([]int{p.Port}))
	}
	if got := strings.Join(ports, " "); got != "status-port:15021 http:80 http-alt:8080" {
		t.Errorf("ports %s", got)
	}
	e := g.EdgesFrom(svc, EdgeServiceWorkload)
	if len(e) != 1 || len(e[0].Workloads) != 1 || e[0].Workloads[0].Name != "shop-istio" || !e[0].Workloads[0].Implied() {
		t.Errorf("service-workload edges %v", edgeStrings(e))
	}
}
