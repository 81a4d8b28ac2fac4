package graph

import (
	"reflect"
	"testing"

	networking "istio.io/api/networking/v1alpha3"
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

func TestEdgesToGateway(t *testing.T) {
	g := loadYAML(t, lines("apiVersion: networking.istio.io/v1", "kind: Gateway",
		"metadata: {name: edge, namespace: ingress}",
		"spec: {servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]}",
		"---", "apiVersion: networking.istio.io/v1", "kind: VirtualService",
		"metadata: {name: a, namespace: shop}", "spec: {hosts: [a.example.com], gateways: [ingress/edge, mesh]}",
		"---", "apiVersion: networking.istio.io/v1", "kind: VirtualService",
		"metadata: {name: b, namespace: ingress}", "spec: {hosts: [b.example.com], gateways: [edge, other]}"))
	gw := mustGet(t, g, KindGateway, "ingress", "edge")
	var got []string
	for _, e := range g.EdgesTo(gw, EdgeGateway) {
		got = append(got, e.From.Name+" "+e.Path)
	}
	want := []string{"a spec.gateways[0]", "b spec.gateways[0]"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("EdgesTo(edge) = %v; want %v", got, want)
	}
}

func TestServerHost(t *testing.T) {
	gw := &Resource{Kind: "Gateway", Namespace: "ingress", Name: "edge"}
	tests := []struct {
		entry, vsNS, want string
		ok                bool
	}{
		{"shop.example.com", "shop", "shop.example.com", true},
		{"*/shop.example.com", "shop", "shop.example.com", true},
		{"shop/shop.example.com", "shop", "shop.example.com", true},
		{"shop/shop.example.com", "other", "shop.example.com", false},
		{"./shop.example.com", "ingress", "shop.example.com", true},
		{"./shop.example.com", "shop", "shop.example.com", false},
	}
	for _, tt := range tests {
		if got, ok := ServerHost(gw, tt.entry, tt.vsNS); got != tt.want || ok != tt.ok {
			t.Errorf("ServerHost(%q, %q) = %q, %v; want %q, %v", tt.entry, tt.vsNS, got, ok, tt.want, tt.ok)
		}
	}
}

func TestGatewayServerRouting(t *testing.T) {
	tests := []struct {
		protocol string
		mode     networking.ServerTLSSettings_TLSmode
		tls      bool
		want     ServerRouting
	}{
		{"HTTP", 0, false, ServerHTTP},
		{"GRPC", 0, false, ServerHTTP},
		{"HTTPS", networking.ServerTLSSettings_SIMPLE, true, ServerHTTP},
		{"HTTPS", networking.ServerTLSSettings_PASSTHROUGH, true, ServerPassthrough},
		{"TLS", networking.ServerTLSSettings_PASSTHROUGH, true, ServerPassthrough},
		{"TLS", networking.ServerTLSSettings_AUTO_PASSTHROUGH, true, ServerAutoPassthrough},
		{"TLS", networking.ServerTLSSettings_ISTIO_MUTUAL, true, ServerTCP},
		{"tcp", 0, false, ServerTCP},
		{"MONGO", 0, false, ServerTCP},
		{"UDP", 0, false, ServerUnknown},
		{"", 0, false, ServerUnknown},
	}
	for _, tt := range tests {
		s := &networking.Server{Port: &networking.Port{Number: 1, Protocol: tt.protocol}}
		if tt.tls {
			s.Tls = &networking.ServerTLSSettings{Mode: tt.mode}
		}
		if got := GatewayServerRouting(s); got != tt.want {
			t.Errorf("GatewayServerRouting(%s %v) = %v; want %v", tt.protocol, tt.mode, got, tt.want)
		}
	}
	if GatewayServerRouting(&networking.Server{}) != ServerUnknown {
		t.Error("a server without port must be ServerUnknown")
	}
}
