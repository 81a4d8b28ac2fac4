package graph

import "testing"

const authzFixture = `
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: mesh-wide, namespace: istio-system}
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: mesh-selected, namespace: istio-system}
spec:
  selector: {matchLabels: {app: api}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: ns-wide, namespace: shop}
spec: {}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: api-only, namespace: shop}
spec:
  selector: {matchLabels: {app: api}}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: waypoint, namespace: shop}
spec:
  targetRefs: [{kind: Service, group: "", name: api}]
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: shop, labels: {app: api}}
spec: {containers: [{name: api, image: example.com/api}]}
---
apiVersion: v1
kind: Pod
metadata: {name: web, namespace: shop, labels: {app: web}}
spec: {containers: [{name: web, image: example.com/web}]}
---
apiVersion: v1
kind: Pod
metadata: {name: api, namespace: other, labels: {app: api}}
spec: {containers: [{name: api, image: example.com/api}]}
`

func TestAuthorizationPolicyWorkloadEdges(t *testing.T) {
	opts := DefaultOptions()
	opts.AssumeDefaultIngress = false
	g := loadYAMLOpts(t, opts, authzFixture)
	noProblems(t, g)
	tests := []struct {
		ns, name, path, target string
		want                   []string
	}{
		{"istio-system", "mesh-wide", "metadata.namespace", "*", []string{"other/api", "shop/api", "shop/web"}},
		{"istio-system", "mesh-selected", "spec.selector", "app=api", []string{"other/api", "shop/api"}},
		{"shop", "ns-wide", "metadata.namespace", "shop", []string{"shop/api", "shop/web"}},
		{"shop", "api-only", "spec.selector", "app=api", []string{"shop/api"}},
	}
	for _, tt := range tests {
		es := g.EdgesFrom(mustGet(t, g, KindAuthorizationPolicy, tt.ns, tt.name), EdgePolicyWorkload)
		if len(es) != 1 {
			t.Fatalf("%s: %d edges", tt.name, len(es))
		}
		if es[0].Path != tt.path || es[0].Target != tt.target {
			t.Errorf("%s: path %q target %q", tt.name, es[0].Path, es[0].Target)
		}
		if got := workloadNames(es[0].Workloads); !equalStrings(got, tt.want) {
			t.Errorf("%s: workloads %v; want %v", tt.name, got, tt.want)
		}
	}
	if es := g.EdgesFrom(mustGet(t, g, KindAuthorizationPolicy, "shop", "waypoint"), EdgePolicyWorkload); len(es) != 0 {
		t.Errorf("a targetRefs policy attaches to no sidecar: %v", edgeStrings(es))
	}
}
