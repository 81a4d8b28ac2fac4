package graph

import (
	"testing"
)

const ambientMesh = `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint, team: a}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: shop}
spec:
  gatewayClassName: istio-waypoint
  listeners:
  - {name: mesh, port: 15008, protocol: HBONE}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: shared, namespace: infra, labels: {istio.io/waypoint-for: all}}
spec:
  gatewayClassName: istio-waypoint
  listeners:
  - name: mesh
    port: 15008
    protocol: HBONE
    allowedRoutes:
      namespaces:
        from: Selector
        selector: {matchLabels: {team: a}}
---
apiVersion: v1
kind: Service
metadata:
  name: cart
  namespace: shop
  labels: {istio.io/use-waypoint: shared, istio.io/use-waypoint-namespace: infra}
spec:
  selector: {app: cart}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: pay, namespace: shop, labels: {istio.io/use-waypoint: none}}
spec:
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart, istio.io/use-waypoint: gone}}
    spec: {containers: [{name: cart, image: example/cart}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: viewer, namespace: shop}
spec:
  targetRefs:
  - {kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}
  - {kind: Service, group: core, name: cart}
  - {kind: Deployment, group: apps, name: cart}
  - {kind: GatewayClass, group: gateway.networking.k8s.io, name: istio-waypoint}
  - {kind: Service, group: "", name: missing}
`

func TestUseWaypointEdges(t *testing.T) {
	g := loadYAML(t, ambientMesh)
	got := map[string]string{}
	for _, e := range g.Edges(EdgeUseWaypoint) {
		to := "-"
		if len(e.To) == 1 {
			to = e.To[0].NamespacedName()
		}
		got[e.From.String()] = e.Path + " → " + e.Target + " " + to
	}
	want := map[string]string{
		"Namespace shop":       `metadata.labels["istio.io/use-waypoint"] → shop/waypoint shop/waypoint`,
		"Service shop/cart":    `metadata.labels["istio.io/use-waypoint"] → infra/shared infra/shared`,
		"Deployment shop/cart": `spec.template.metadata.labels["istio.io/use-waypoint"] → shop/gone -`,
	}
	if len(got) != len(want) {
		t.Errorf("edges %v, want %v", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s: got %q, want %q", k, got[k], v)
		}
	}
	if v := g.Injection(mustGet(t, g, KindDeployment, "shop", "cart")); v.Mode != ModeAmbient {
		t.Errorf("cart runs %s", v.Mode)
	}
}

func TestWaypointTrafficAndAttachment(t *testing.T) {
	g := loadYAML(t, ambientMesh)
	local, shared := mustGet(t, g, KindK8sGateway, "shop", "waypoint"), mustGet(t, g, KindK8sGateway, "infra", "shared")
	if f := g.WaypointTraffic(local); f.For != WaypointForService || f.Decider != nil {
		t.Errorf("local waypoint: %+v", f)
	}
	if f := g.WaypointTraffic(shared); f.For != WaypointForAll || f.Decider != shared {
		t.Errorf("shared waypoint: %+v", f)
	}
	for _, tt := range []struct {
		gw            *Resource
		ns            string
		admits, known bool
	}{
		{local, "shop", true, true},
		{local, "other", false, true},
		{shared, "shop", true, true},        // team: a matches
		{shared, "elsewhere", false, false}, // no Namespace object
	} {
		admits, known, _ := g.WaypointAdmits(tt.gw, tt.ns)
		if admits != tt.admits || known != tt.known {
			t.Errorf("%s admits %s: %v %v, want %v %v", tt.gw, tt.ns, admits, known, tt.admits, tt.known)
		}
	}
}

func TestTargetRefEdges(t *testing.T) {
	g := loadYAML(t, ambientMesh)
	edges := g.EdgesFrom(mustGet(t, g, KindAuthorizationPolicy, "shop", "viewer"), EdgeTargetRef)
	want := []struct {
		target             string
		resolved, external bool
	}{
		{"Gateway.gateway.networking.k8s.io shop/waypoint", true, false},
		{"Service shop/cart", true, false},
		{"Deployment.apps shop/cart", false, false},
		{"GatewayClass.gateway.networking.k8s.io istio-waypoint", true, true},
		{"Service shop/missing", false, false},
	}
	if len(edges) != len(want) {
		t.Fatalf("%d edges, want %d", len(edges), len(want))
	}
	for i, w := range want {
		e := edges[i]
		if e.Target != w.target || e.Resolved() != w.resolved || e.External != w.external {
			t.Errorf("edge %d: %s resolved %v external %v, want %+v", i, e.Target, e.Resolved(), e.External, w)
		}
	}
	// A policy attached by targetRefs gets no policy-workload edge.
	if es := g.EdgesFrom(edges[0].From, EdgePolicyWorkload); len(es) != 0 {
		t.Errorf("policy-workload edges: %d", len(es))
	}
}

func TestWaypointInEffect(t *testing.T) {
	g := loadYAML(t, ambientMesh+`---
apiVersion: v1
kind: Service
metadata: {name: plain, namespace: shop}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: away, namespace: elsewhere}
spec:
  ports: [{port: 80}]
`)
	for _, tt := range []struct {
		name, ns, want string
		known          bool
	}{
		{"cart", "shop", "infra/shared", true},   // its own label
		{"plain", "shop", "shop/waypoint", true}, // its namespace's
		{"pay", "shop", "", true},                // none opts out
		{"away", "elsewhere", "", false},         // namespace not in the files
	} {
		e, known := g.WaypointInEffect(mustGet(t, g, KindService, tt.ns, tt.name))
		got := ""
		if e != nil {
			got = e.Target
		}
		if got != tt.want || known != tt.known {
			t.Errorf("%s: %q %v, want %q %v", tt.name, got, known, tt.want, tt.known)
		}
	}
}
