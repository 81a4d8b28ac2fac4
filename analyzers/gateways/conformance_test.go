package gateways_test

import (
	"context"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// conformanceBase is a valid mesh the cases add one object to: a shared
// Gateway in infra, application namespaces, Services and a grant.
const conformanceBase = `apiVersion: v1
kind: Namespace
metadata: {name: infra}
---
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {shared-gateway: "true", istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: lab, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: backends, labels: {istio-injection: enabled}}
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
  - name: grpc
    port: 9090
    protocol: HTTP
    hostname: grpc.example.com
    allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}
  - name: infra-only
    port: 8080
    protocol: HTTP
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec: {selector: {app: web}, ports: [{name: http, port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: api, namespace: backends}
spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
---
apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: payments, namespace: shop}
spec:
  hosts: [payments.example.org]
  location: MESH_EXTERNAL
  resolution: DNS
  ports: [{number: 443, name: https, protocol: HTTPS}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: ReferenceGrant
metadata: {name: shop-routes, namespace: backends}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: shop}]
  to: [{group: "", kind: Service, name: api}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: api, namespace: shop}
spec:
  parentRefs: [{name: edge, namespace: infra, sectionName: http}]
  hostnames: [api.example.com]
  rules: [{backendRefs: [{name: api, namespace: backends, port: 80}]}]
---
apiVersion: v1
kind: Service
metadata: {name: lab, namespace: lab}
spec: {selector: {app: lab}, ports: [{name: http, port: 8080}]}
`

// route is an HTTPRoute in shop; fields replaces its spec's body.
func route(ns, spec string) string {
	return "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r, namespace: " + ns + "}\nspec:\n" + spec
}

const (
	toEdge  = "  parentRefs: [{name: edge, namespace: infra, sectionName: http}]\n  hostnames: [shop.example.com]\n"
	toWeb   = "  rules: [{backendRefs: [{name: web, port: 8080}]}]\n"
	toAPI   = "  rules: [{backendRefs: [{name: api, namespace: backends, port: 80}]}]\n"
	toOther = "  rules: [{backendRefs: [{name: other, namespace: backends, port: 80}]}]\n"
)

// conformanceCases: one per condition reason Istio's controller sets, a
// route (or object) that gets it, and the same made valid.
var conformanceCases = []struct {
	reason, rule string
	bad, good    string
}{
	{"parent Gateway not found", "ML5201",
		route("shop", "  parentRefs: [{name: edge, sectionName: http}]\n  hostnames: [shop.example.com]\n"+toWeb),
		route("shop", toEdge+toWeb)},
	{"parent Service not found (GAMMA)", "ML5201",
		route("shop", "  parentRefs: [{group: \"\", kind: Service, name: webb}]\n"+toWeb),
		route("shop", "  parentRefs: [{group: \"\", kind: Service, name: web}]\n"+toWeb)},
	{"NoMatchingParent: sectionName", "ML5202",
		route("shop", "  parentRefs: [{name: edge, namespace: infra, sectionName: https}]\n  hostnames: [shop.example.com]\n"+toWeb),
		route("shop", toEdge+toWeb)},
	{"NoMatchingParent: port", "ML5202",
		route("shop", "  parentRefs: [{name: edge, namespace: infra, port: 443}]\n  hostnames: [shop.example.com]\n"+toWeb),
		route("shop", "  parentRefs: [{name: edge, namespace: infra, port: 80}]\n  hostnames: [shop.example.com]\n"+toWeb)},
	{"NotAllowedByListeners: Selector", "ML5203",
		route("lab", "  parentRefs: [{name: edge, namespace: infra, sectionName: http}]\n  hostnames: [lab.example.com]\n  rules: [{backendRefs: [{name: lab, port: 8080}]}]\n"),
		route("shop", "  parentRefs: [{name: edge, namespace: infra, sectionName: http}]\n  hostnames: [lab.example.com]\n"+toWeb)},
	{"NotAllowedByListeners: Same", "ML5203",
		route("shop", "  parentRefs: [{name: edge, namespace: infra, sectionName: infra-only}]\n"+toWeb),
		route("shop", toEdge+toWeb)},
	{"NotAllowedByListeners: kind", "ML5203",
		route("shop", "  parentRefs: [{name: edge, namespace: infra, sectionName: grpc}]\n  hostnames: [grpc.example.com]\n"+toWeb),
		strings.Replace(route("shop", "  parentRefs: [{name: edge, namespace: infra, sectionName: grpc}]\n  hostnames: [grpc.example.com]\n"+toWeb), "HTTPRoute", "GRPCRoute", 1)},
	{"NoMatchingListenerHostname", "ML5204",
		route("shop", "  parentRefs: [{name: edge, namespace: infra, sectionName: http}]\n  hostnames: [shop.example.org]\n"+toWeb),
		route("shop", toEdge+toWeb)},
	{"BackendNotFound: Service", "ML5205",
		route("shop", toEdge+"  rules: [{backendRefs: [{name: webb, port: 8080}]}]\n"),
		route("shop", toEdge+toWeb)},
	{"BackendNotFound: Hostname", "ML5205",
		route("shop", toEdge+"  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: payment.example.org, port: 443}]}]\n"),
		route("shop", toEdge+"  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: payments.example.org, port: 443}]}]\n")},
	{"backend port not in the Service", "ML5206",
		route("shop", toEdge+"  rules: [{backendRefs: [{name: web, port: 80}]}]\n"),
		route("shop", toEdge+toWeb)},
	{"RefNotPermitted: backend", "ML5207",
		route("shop", toEdge+toOther) + "---\napiVersion: v1\nkind: Service\nmetadata: {name: other, namespace: backends}\nspec: {selector: {app: api}, ports: [{name: http, port: 80}]}\n",
		route("shop", toEdge+toAPI)},
	{"InvalidKind: backend", "ML5213",
		route("shop", toEdge+"  rules: [{backendRefs: [{group: networking.istio.io, kind: ServiceEntry, name: payments, port: 443}]}]\n"),
		route("shop", toEdge+"  rules: [{backendRefs: [{group: networking.istio.io, kind: Hostname, name: payments.example.org, port: 443}]}]\n")},
	{"Conflicted: listener protocol", "ML5209",
		"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: db, namespace: infra}\nspec:\n  gatewayClassName: istio\n  listeners: [{name: a, port: 5432, protocol: TCP}, {name: b, port: 5432, protocol: HTTP}]\n",
		"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: db, namespace: infra}\nspec:\n  gatewayClassName: istio\n  listeners: [{name: a, port: 5432, protocol: TCP}, {name: b, port: 5433, protocol: HTTP}]\n"},
	{"unknown GatewayClass", "ML5211",
		"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: db, namespace: infra}\nspec:\n  gatewayClassName: isito\n  listeners: [{name: a, port: 5432, protocol: TCP}]\n",
		"apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: db, namespace: infra}\nspec:\n  gatewayClassName: istio\n  listeners: [{name: a, port: 5432, protocol: TCP}]\n"},
}

func TestConformanceCases(t *testing.T) {
	if got := lintAll(t, conformanceBase); len(got) > 0 {
		t.Fatalf("the base mesh is not clean: %s", got)
	}
	for _, tc := range conformanceCases {
		t.Run(tc.reason, func(t *testing.T) {
			got := lintAll(t, conformanceBase+"---\n"+tc.bad)
			if len(got) != 1 || !strings.HasPrefix(got[0], tc.rule+" ") {
				t.Errorf("bad: want exactly one %s finding, got %d:\n%s", tc.rule, len(got), strings.Join(got, "\n"))
			}
			if got := lintAll(t, conformanceBase+"---\n"+tc.good); len(got) > 0 {
				t.Errorf("made valid: want no finding, got:\n%s", strings.Join(got, "\n"))
			}
		})
	}
}

// lintAll runs every built-in Go rule and lists the findings as "ID message".
func lintAll(t *testing.T, yaml string) []string {
	t.Helper()
	g := graph.Load([]source.Source{{Path: "mesh.yaml", Content: []byte(yaml)}}, graph.DefaultOptions())
	findings, err := analyzers.Run(context.Background(), g, catalog.All())
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range findings {
		out = append(out, f.Rule.ID+" "+f.Message)
	}
	return out
}
