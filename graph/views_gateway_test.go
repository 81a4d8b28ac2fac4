package graph

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

const credentialGateways = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: public, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [shop.example.com]
    tls: {mode: SIMPLE, credentialName: shop-cert}
  - port: {number: 8443, name: https-2, protocol: HTTPS}
    hosts: [api.example.com]
    tls:
      mode: SIMPLE
      credentialNames: [kubernetes://api-rsa, other/api-ecdsa, sds://api, "{{ .Values.cert }}"]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: own, namespace: web}
spec:
  selector: {app: own-gateway}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [own.example.com]
    tls: {mode: SIMPLE, credentialName: own-cert}
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: nowhere, namespace: web}
spec:
  selector: {app: missing}
  servers:
  - port: {number: 443, name: https, protocol: HTTPS}
    hosts: [x.example.com]
    tls: {mode: SIMPLE, credentialName: x-cert}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: own-gateway, namespace: edge}
spec:
  template:
    metadata: {labels: {app: own-gateway}}
---
apiVersion: v1
kind: Secret
metadata: {name: shop-cert, namespace: istio-system}
---
apiVersion: v1
kind: Secret
metadata: {name: own-cert, namespace: web}
`

// A credential is looked up in the namespace of the gateway's pods: the
// implied default ingress's for istio=ingressgateway, the Deployment's
// for its own selector, none when the selector picks nothing.
func TestGatewayCredentials(t *testing.T) {
	g := loadYAML(t, credentialGateways)
	noProblems(t, g)
	tests := []struct {
		gateway string
		want    []string
	}{
		{"public", []string{
			"0 spec.servers[0].tls.credentialName istio-system/shop-cert in input",
			"1 spec.servers[1].tls.credentialNames[0] istio-system/api-rsa",
		}},
		// own-cert is in web, the Gateway's namespace, not in edge.
		{"own", []string{"0 spec.servers[0].tls.credentialName edge/own-cert"}},
		{"nowhere", nil},
	}
	for _, tt := range tests {
		var got []string
		for _, c := range g.GatewayCredentials(mustGet(t, g, KindGateway, "web", tt.gateway)) {
			s := fmt.Sprintf("%d %s %s/%s", c.Server, c.Path, c.Workload.Namespace, c.Name)
			if c.Secret != nil {
				s += " in input"
			}
			got = append(got, s)
		}
		if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
			t.Errorf("%s:\n got %q\nwant %q", tt.gateway, got, tt.want)
		}
	}
	// Without the default ingress assumed, istio=ingressgateway picks nothing.
	opts := DefaultOptions()
	opts.AssumeDefaultIngress = false
	g = loadYAMLOpts(t, opts, credentialGateways)
	if got := g.GatewayCredentials(mustGet(t, g, KindGateway, "web", "public")); len(got) != 0 {
		t.Errorf("no default ingress: %v", got)
	}
}

const servicePortGateways = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: own, namespace: web}
spec:
  selector: {app: own-gateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: default, namespace: web}
spec:
  selector: {istio: ingressgateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
---
apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: named, namespace: web}
spec:
  selector: {app: named-gateway}
  servers:
  - port: {number: 80, name: http, protocol: HTTP}
    hosts: ["*"]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: own-gateway, namespace: edge}
spec:
  template:
    metadata: {labels: {app: own-gateway}}
---
apiVersion: v1
kind: Service
metadata: {name: own-gateway, namespace: edge}
spec:
  selector: {app: own-gateway}
  ports:
  - {name: http, port: 80, targetPort: 8080}
  - {name: https, port: 443}
  - {name: dns, port: 53, protocol: UDP}
---
apiVersion: v1
kind: Service
metadata: {name: elsewhere, namespace: web}
spec:
  selector: {app: own-gateway}
  ports:
  - {name: http, port: 9999}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: named-gateway, namespace: edge}
spec:
  template:
    metadata: {labels: {app: named-gateway}}
---
apiVersion: v1
kind: Service
metadata: {name: named-gateway, namespace: edge}
spec:
  selector: {app: named-gateway}
  ports:
  - {name: http, port: 80, targetPort: http}
`

// The ports of the Services in the gateway pods' namespace count, UDP ones
// and Services of other namespaces do not; an implied Service or a named
// targetPort leaves the set incomplete.
func TestGatewayServicePorts(t *testing.T) {
	g := loadYAML(t, servicePortGateways)
	noProblems(t, g)
	tests := []struct {
		gateway  string
		want     string
		complete bool
	}{
		{"own", "edge/own-gateway: 443 80 8080", true},
		{"default", "istio-system/istio-ingressgateway: ", false},
		{"named", "edge/named-gateway: 80", false},
	}
	for _, tt := range tests {
		sp := g.GatewayServicePorts(mustGet(t, g, KindGateway, "web", tt.gateway))
		var svcs []string
		for _, s := range sp.Services {
			svcs = append(svcs, s.Namespace+"/"+s.Name)
		}
		var ports []string
		for p := range sp.Reachable {
			ports = append(ports, fmt.Sprint(p))
		}
		slices.Sort(ports)
		got := strings.Join(svcs, ",") + ": " + strings.Join(ports, " ")
		if got != tt.want || sp.Complete != tt.complete {
			t.Errorf("%s: got %q complete %v, want %q complete %v", tt.gateway, got, sp.Complete, tt.want, tt.complete)
		}
	}
}
