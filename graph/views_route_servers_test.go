package graph

import (
	"reflect"
	"testing"
)

func TestRouteServers(t *testing.T) {
	const gateway = `apiVersion: networking.istio.io/v1
kind: Gateway
metadata: {name: edge, namespace: ingress}
spec:
  servers:
  - {port: {number: 80, name: http, protocol: HTTP}, hosts: ["*/shop.example.com"]}
  - {port: {number: 443, name: https, protocol: HTTPS}, hosts: [shop.example.com], tls: {mode: SIMPLE, credentialName: shop}}
  - {port: {number: 8443, name: tls, protocol: HTTPS}, hosts: [shop.example.com], tls: {mode: PASSTHROUGH}}
  - {port: {number: 9000, name: tcp, protocol: TCP}, hosts: [shop.example.com]}
  - {port: {number: 8080, name: http-other, protocol: HTTP}, hosts: [other.example.com]}
  - {port: {number: 8081, name: http-private, protocol: HTTP}, hosts: [ingress/shop.example.com]}
`
	route := "route: [{destination: {host: shop}}]"
	tests := []struct {
		name, spec string
		dest       int   // index in VirtualServiceDestinations
		want       []int // server ports
	}{
		{"an http rule runs on the HTTP servers of its hosts",
			"{hosts: [shop.example.com], gateways: [ingress/edge, mesh], http: [{" + route + "}]}", 0, []int{80, 443}},
		{"a match port picks one server",
			"{hosts: [shop.example.com], gateways: [ingress/edge], http: [{match: [{port: 443}], " + route + "}]}", 0, []int{443}},
		{"a rule for the mesh alone runs at no gateway",
			"{hosts: [shop.example.com], gateways: [ingress/edge, mesh], http: [{match: [{gateways: [mesh]}], " + route + "}]}", 0, nil},
		{"source labels may not fit the gateway's pods",
			"{hosts: [shop.example.com], gateways: [ingress/edge], http: [{match: [{sourceLabels: {app: a}}], " + route + "}]}", 0, nil},
		{"source labels do not count beside gateways",
			"{hosts: [shop.example.com], gateways: [ingress/edge], http: [{match: [{sourceLabels: {app: a}, gateways: [ingress/edge]}], " + route + "}]}", 0, []int{80, 443}},
		{"mirrors are left out",
			"{hosts: [shop.example.com], gateways: [ingress/edge], http: [{" + route + ", mirror: {host: shop}}]}", 1, nil},
		{"without gateways, the mesh alone",
			"{hosts: [shop.example.com], http: [{" + route + "}]}", 0, nil},
		{"a gateway not in the files",
			"{hosts: [shop.example.com], gateways: [ingress/missing], http: [{" + route + "}]}", 0, nil},
		{"the first tcp rule that matches takes the server",
			"{hosts: [shop.example.com], gateways: [ingress/edge], tcp: [{match: [{port: 9000}], " + route + "}, {" + route + "}]}", 0, []int{9000}},
		{"a later tcp rule does not run there",
			"{hosts: [shop.example.com], gateways: [ingress/edge], tcp: [{match: [{port: 9000}], " + route + "}, {" + route + "}]}", 1, nil},
		{"no http rule runs after one without match",
			"{hosts: [shop.example.com], gateways: [ingress/edge], http: [{" + route + "}, {" + route + "}]}", 1, nil},
		{"tls rules run on passthrough servers",
			"{hosts: [shop.example.com], gateways: [ingress/edge], tls: [{match: [{sniHosts: [shop.example.com]}], " + route + "}]}", 0, []int{8443}},
	}
	for _, tt := range tests {
		g := loadYAML(t, gateway+"---\n"+lines("apiVersion: networking.istio.io/v1", "kind: VirtualService",
			"metadata: {name: vs, namespace: shop}", "spec: "+tt.spec))
		vs := mustGet(t, g, KindVirtualService, "shop", "vs")
		d := VirtualServiceDestinations(vs.VirtualService())[tt.dest]
		var got []int
		for _, s := range g.RouteServers(vs, &d) {
			got = append(got, int(s.Server.GetPort().GetNumber()))
			if s.Gateway.Name != "edge" || s.Gateway.Gateway().GetServers()[s.Index] != s.Server {
				t.Errorf("%s: server %d is not spec.servers[%d] of edge", tt.name, got[len(got)-1], s.Index)
			}
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: RouteServers() ports = %v; want %v", tt.name, got, tt.want)
		}
	}
}

func TestRoutePortCandidates(t *testing.T) {
	g := loadYAML(t, `apiVersion: v1
kind: Service
metadata: {name: shop, namespace: shop}
spec:
  ports:
  - {name: http, port: 80}
  - {name: grpc-web, port: 81}
  - {name: tcp-db, port: 5432}
  - {name: web, port: 8000}
  - {name: https, port: 443}
  - {name: dns, port: 53, protocol: UDP}
  - {name: x, port: 9080, appProtocol: http}
`)
	svc := mustGet(t, g, KindService, "shop", "shop")
	for protocol, want := range map[string][]int{"http": {80, 81, 8000, 9080}, "tcp": {5432, 8000, 443}, "tls": {5432, 8000, 443}} {
		if got := RoutePortCandidates(svc, protocol); !reflect.DeepEqual(got, want) {
			t.Errorf("RoutePortCandidates(%s) = %v; want %v", protocol, got, want)
		}
	}
}
