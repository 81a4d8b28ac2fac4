package graph

import "testing"

func TestWorkloadVersion(t *testing.T) {
	tests := []struct {
		labels map[string]string
		want   string
	}{
		{nil, ""},
		{map[string]string{"app": "a"}, ""},
		{map[string]string{"version": "v1"}, "v1"},
		{map[string]string{"version": "v1", "app.kubernetes.io/version": "1.2"}, "1.2"},
		{map[string]string{"version": "v1", "service.istio.io/canonical-revision": "canary"}, "canary"},
	}
	for _, tt := range tests {
		if got := WorkloadVersion(tt.labels); got != tt.want {
			t.Errorf("WorkloadVersion(%v) = %q; want %q", tt.labels, got, tt.want)
		}
	}
}

func TestHostRouted(t *testing.T) {
	const fqdn = "reviews.shop.svc.cluster.local"
	vs := func(ns, host string) string {
		return lines("apiVersion: networking.istio.io/v1", "kind: VirtualService",
			"metadata: {name: vs, namespace: "+ns+"}", "spec: {hosts: ["+host+"], http: [{route: [{destination: {host: x}}]}]}")
	}
	tests := []struct {
		name, yaml    string
		routed, known bool
	}{
		{"short name in the namespace", vs("shop", "reviews"), true, true},
		{"short name elsewhere", vs("front", "reviews"), false, true},
		{"FQDN elsewhere", vs("front", fqdn), true, true},
		{"wildcard", vs("front", `"*.shop.svc.cluster.local"`), true, true},
		{"placeholder", vs("shop", `"${HOST}"`), false, false},
	}
	for _, tt := range tests {
		g := loadYAML(t, tt.yaml)
		if routed, known := g.HostRouted(fqdn); routed != tt.routed || known != tt.known {
			t.Errorf("%s: HostRouted = %v, %v; want %v, %v", tt.name, routed, known, tt.routed, tt.known)
		}
	}
}
