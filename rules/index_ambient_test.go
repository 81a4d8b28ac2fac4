package rules

import (
	"context"
	"slices"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// A policy reads the waypoint a label names and what a targetRef attaches
// to from data.meshlint.ambient, and ambient verdicts from injection.
func TestAmbientIndex(t *testing.T) {
	policy := `package house

import rego.v1

warn contains sprintf("waypoint %s: %v", [id, to]) if {
	some id, to in data.meshlint.ambient.waypoints
}

warn contains sprintf("targetref %s: %v", [id, to]) if {
	some id, to in data.meshlint.ambient.targetrefs
}

warn contains sprintf("ambient %s", [id]) if {
	some id, v in data.meshlint.injection
	v.mode == "ambient"
}
`
	manifests := `apiVersion: v1
kind: Namespace
metadata:
  name: shop
  labels: {istio.io/dataplane-mode: ambient, istio.io/use-waypoint: waypoint}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: waypoint, namespace: shop}
spec:
  gatewayClassName: istio-waypoint
  listeners: [{name: mesh, port: 15008, protocol: HBONE}]
---
apiVersion: v1
kind: Pod
metadata: {name: cart, namespace: shop}
spec:
  containers: [{name: cart, image: example/cart}]
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: viewers, namespace: shop}
spec:
  targetRefs: [{kind: Gateway, group: gateway.networking.k8s.io, name: waypoint}]
`
	set, err := Load(Options{Dirs: []string{writePolicies(t, map[string]string{"house.rego": policy})}, NoBuiltin: true})
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Load([]source.Source{{Path: "a.yaml", Content: []byte(manifests)}}, graph.DefaultOptions())
	findings, err := analyzers.Run(context.Background(), g, set.Rules())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, f.Message)
	}
	for _, want := range []string{
		`waypoint core/Namespace//shop: ["gateway.networking.k8s.io/Gateway/shop/waypoint"]`,
		`targetref security.istio.io/AuthorizationPolicy/shop/viewers: ["gateway.networking.k8s.io/Gateway/shop/waypoint"]`,
		`ambient core/Pod/shop/cart`,
	} {
		if !slices.Contains(got, want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
}
