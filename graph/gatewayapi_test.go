package graph

import (
	"strings"
	"testing"
)

const gatewayAPIMesh = `apiVersion: v1
kind: Namespace
metadata: {name: apps, labels: {shared-gateway: "true"}}
---
apiVersion: v1
kind: Namespace
metadata: {name: other}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: istio
  listeners:
  - name: http
    port: 80
    protocol: HTTP
    hostname: "*.example.com"
    allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {shared-gateway: "true"}}}}
  - name: https
    port: 443
    protocol: HTTPS
    hostname: shop.example.com
    allowedRoutes: {namespaces: {from: All}}
    tls:
      certificateRefs: [{name: shop-cert}, {name: wildcard, namespace: certs}]
  - name: tcp
    port: 9000
    protocol: TCP
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: from-apps, namespace: backends}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: apps}]
  to: [{group: "", kind: Service, name: api}]
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backends}
spec: {ports: [{port: 8080}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: shop, namespace: apps}
spec:
  parentRefs: [{name: edge, namespace: infra, sectionName: http}, {name: missing}, {kind: Service, group: "", name: api, namespace: backends}, {group: example.com, kind: Thing, name: x}]
  hostnames: [shop.example.com]
  rules:
  - backendRefs: [{name: api, namespace: backends, port: 8080}, {group: networking.istio.io, kind: Hostname, name: ext.example.org, port: 443}]
    filters: [{type: RequestMirror, requestMirror: {backendRef: {name: gone, port: 80}}}]
`

func TestGatewayAPIEdges(t *testing.T) {
	g := loadYAML(t, gatewayAPIMesh)
	noProblems(t, g)
	route := g.Get(Key{KindHTTPRoute, "apps", "shop"})
	var got []string
	for _, e := range g.EdgesOf(route) {
		got = append(got, string(e.Kind)+" "+e.Path+" "+e.Target+" "+targets(e))
	}
	want := []string{
		"route-parent spec.parentRefs[0] infra/edge Gateway infra/edge",
		"route-parent spec.parentRefs[1] apps/missing -",
		"route-parent spec.parentRefs[2] backends/api Service backends/api",
		"route-backend spec.rules[0].filters[0].requestMirror.backendRef gone.apps.svc.cluster.local -",
		"route-backend spec.rules[0].backendRefs[0] api.backends.svc.cluster.local Service backends/api",
		"reference-grant spec.rules[0].backendRefs[0] Service backends/api ReferenceGrant backends/from-apps",
		"route-backend spec.rules[0].backendRefs[1] ext.example.org -",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("route edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	gw := g.Get(Key{KindK8sGateway, "infra", "edge"})
	got = nil
	for _, e := range g.EdgesOf(gw) {
		got = append(got, string(e.Kind)+" "+e.Path+" "+targets(e)+" "+boolWord(e.External, "external"))
	}
	want = []string{
		"gateway-class spec.gatewayClassName - external",
		"listener-secret spec.listeners[1].tls.certificateRefs[0] - ",
		"listener-secret spec.listeners[1].tls.certificateRefs[1] - ",
		"reference-grant spec.listeners[1].tls.certificateRefs[1] - ",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("gateway edges:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func targets(e *Edge) string {
	if len(e.To) == 0 {
		return "-"
	}
	var out []string
	for _, r := range e.To {
		out = append(out, r.Key().String())
	}
	return strings.Join(out, ",")
}

func boolWord(b bool, w string) string {
	if b {
		return w
	}
	return ""
}

func TestRouteAttachment(t *testing.T) {
	for _, tc := range []struct {
		name, route string
		want        AttachReason
	}{
		{"selector matches", "namespace: apps\nspec: {parentRefs: [{name: edge, namespace: infra}], hostnames: [a.example.com]}", Attached},
		{"all namespaces on https", "namespace: other\nspec: {parentRefs: [{name: edge, namespace: infra, sectionName: https}], hostnames: [shop.example.com]}", Attached},
		{"selector leaves namespace out", "namespace: other\nspec: {parentRefs: [{name: edge, namespace: infra, sectionName: http}], hostnames: [a.example.com]}", AttachNamespaceNotAllowed},
		{"namespace not in files", "namespace: elsewhere\nspec: {parentRefs: [{name: edge, namespace: infra, sectionName: http}], hostnames: [a.example.com]}", AttachUnknown},
		{"no such section", "namespace: apps\nspec: {parentRefs: [{name: edge, namespace: infra, sectionName: grpc}]}", AttachNoListener},
		{"no such port", "namespace: apps\nspec: {parentRefs: [{name: edge, namespace: infra, port: 8443}]}", AttachNoListener},
		{"hostname", "namespace: apps\nspec: {parentRefs: [{name: edge, namespace: infra, sectionName: http}], hostnames: [example.org]}", AttachNoHostname},
		{"same namespace default", "namespace: apps\nspec: {parentRefs: [{name: edge, namespace: infra, sectionName: tcp}]}", AttachNamespaceNotAllowed},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g := loadYAML(t, gatewayAPIMesh+"---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  "+tc.route+"\n")
			route := g.Get(Key{KindHTTPRoute, strings.Fields(tc.route)[1], "r"})
			e := g.EdgesFrom(route, EdgeRouteParent)[0]
			if got := g.RouteAttachment(e).Reason; got != tc.want {
				t.Errorf("reason %d, want %d", got, tc.want)
			}
		})
	}
}

func TestListenerSupportedKinds(t *testing.T) {
	l := Listener{Protocol: "TLS", TLSMode: "Terminate", Kinds: []GroupKind{KindTCPRoute, {GroupGatewayAPI, "UDPRoute"}}}
	if kinds, known := l.SupportedKinds(); !known || len(kinds) != 1 || kinds[0] != KindTCPRoute {
		t.Errorf("TLS terminate with kinds TCPRoute, UDPRoute: %v %v", kinds, known)
	}
	if _, known := (Listener{Protocol: "HBONE"}).SupportedKinds(); known {
		t.Error("HBONE listeners are not judged")
	}
}

func TestRouteAttachmentCopies(t *testing.T) {
	gw := func(protocol string) string {
		return "apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: egress}\nspec:\n  gatewayClassName: istio\n  listeners: [{name: l, port: 443, protocol: " + protocol + ", tls: {mode: Passthrough}}]\n"
	}
	route := "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {parentRefs: [{name: egress}]}\n"
	// The route fits the first variant of the Gateway, not the one that wins.
	g := loadFiles(t, DefaultOptions(), "a.yaml", strings.Replace(gw("HTTPS"), "tls: {mode: Passthrough}", "tls: {certificateRefs: [{name: c}]}", 1), "b.yaml", route, "c.yaml", gw("TLS"))
	e := g.EdgesFrom(g.Get(Key{KindHTTPRoute, "default", "r"}), EdgeRouteParent)[0]
	if r := g.RouteAttachment(e).Reason; r != Attached {
		t.Errorf("a route some copy of its Gateway accepts: reason %d, want Attached", r)
	}
}

func TestRouteAttachmentKindsOfOtherControllers(t *testing.T) {
	const mesh = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge}
spec:
  gatewayClassName: vendor
  listeners: [{name: tcp, port: 9000, protocol: TCP}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r}
spec: {parentRefs: [{name: edge}]}
`
	for class, want := range map[string]AttachReason{"vendor": AttachUnknown, "istio": AttachKindNotAllowed} {
		g := loadYAML(t, strings.Replace(mesh, "vendor", class, 1))
		e := g.EdgesFrom(g.Get(Key{KindHTTPRoute, "default", "r"}), EdgeRouteParent)[0]
		if got := g.RouteAttachment(e).Reason; got != want {
			t.Errorf("class %s: reason %d, want %d", class, got, want)
		}
	}
}
