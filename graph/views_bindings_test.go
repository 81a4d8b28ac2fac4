package graph

import (
	"reflect"
	"testing"
)

func TestHTTPBindings(t *testing.T) {
	const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: ingress}
spec:
  selector: {istio: ingressgateway}
  servers:
  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/shop.example.com"]}
  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [shop.example.com], tls: {mode: SIMPLE, credentialName: shop}}
  - {port: {number: 8443, name: tls, protocol: HTTPS}, hosts: [shop.example.com], tls: {mode: PASSTHROUGH}}
  - {port: {number: 9000, name: tcp, protocol: TCP}, hosts: [shop.example.com]}
  - {port: {number: 8080, name: http-other, protocol: HTTP}, hosts: [other.example.com]}
  - {port: {number: 8081, name: http-private, protocol: HTTP}, hosts: [ingress/shop.example.com]}
---
apiVersion: v1
kind: Service
metadata: {name: shop, namespace: shop}
spec:
  ports:
  - {name: http, port: 80}
  - {name: grpc-web, port: 81}
  - {name: tcp-db, port: 5432}
  - {name: web, port: 8000}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: shop, namespace: shop}
spec:
  hosts: [shop.example.com]
  ports: [{number: 80, name: http, protocol: HTTP}, {number: 443, name: https, protocol: HTTPS}]
  resolution: DNS
`
	tests := []struct {
		name, spec string
		want       []HTTPBinding
	}{
		{"no gateways: the mesh, HTTP ports of the ServiceEntry",
			"{hosts: [shop.example.com], http: [{route: [{destination: {host: shop}}]}]}",
			[]HTTPBinding{{Gateway: "mesh", Ref: "mesh", Ports: []int{80}, Complete: true}}},
		{"a Service with a sniffed port is incomplete",
			"{hosts: [shop], http: [{route: [{destination: {host: shop}}]}]}",
			[]HTTPBinding{{Gateway: "mesh", Ref: "mesh", Ports: []int{80, 81}}}},
		{"an unresolved host is incomplete",
			"{hosts: [shop.example.com, nowhere.example.com], http: [{route: [{destination: {host: shop}}]}]}",
			[]HTTPBinding{{Gateway: "mesh", Ref: "mesh", Ports: []int{80}}}},
		{"gateway servers of the hosts that carry HTTP, and the mesh",
			"{hosts: [shop.example.com], gateways: [ingress/edge, mesh, missing], http: [{route: [{destination: {host: shop}}]}]}",
			[]HTTPBinding{
				{Gateway: "ingress/edge", Ref: "ingress/edge", Ports: []int{80, 443}, Complete: true},
				{Gateway: "mesh", Ref: "mesh", Ports: []int{80}, Complete: true},
				{Gateway: "shop/missing", Ref: "missing"},
			}},
	}
	for _, tt := range tests {
		g := loadYAML(t, gateway+"---\n"+lines("apiVersion: networking.istio.io/v1", "kind: VirtualService",
			"metadata: {name: vs, namespace: shop}", "spec: "+tt.spec))
		vs := mustGet(t, g, KindVirtualService, "shop", "vs")
		if got := g.HTTPBindings(vs); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: HTTPBindings() = %+v; want %+v", tt.name, got, tt.want)
		}
	}
}
