package graph

import (
	"fmt"
	"testing"
)

func TestMeshSubsetRouters(t *testing.T) {
	vs := func(name, extra, host, dest string) string {
		return fmt.Sprintf("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: %s, namespace: shop}\n"+
			"spec: {hosts: [%s], %s http: [{route: [{destination: %s}]}]}\n---\n", name, host, extra, dest)
	}
	const fqdn = "ratings.shop.svc.cluster.local"
	tests := []struct {
		name, yaml string
		want       int
	}{
		{"mesh split", vs("a", "", "ratings", "{host: ratings, subset: v1}"), 1},
		{"FQDN host", vs("a", "", fqdn, "{host: ratings, subset: v1}"), 1},
		{"no subset", vs("a", "", "ratings", "{host: ratings}"), 0},
		{"other host", vs("a", "", "reviews", "{host: ratings, subset: v1}"), 0},
		{"gateway only", vs("a", "gateways: [gw],", "ratings", "{host: ratings, subset: v1}"), 0},
		{"gateway and mesh", vs("a", "gateways: [gw, mesh],", "ratings", "{host: ratings, subset: v1}"), 1},
	}
	for _, tt := range tests {
		g := loadYAML(t, tt.yaml)
		if got := len(g.MeshSubsetRouters()[fqdn]); got != tt.want {
			t.Errorf("%s: %d routers; want %d", tt.name, got, tt.want)
		}
	}
}
