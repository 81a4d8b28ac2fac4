package graph

import "testing"

func TestWorkloadPortPeerAuth(t *testing.T) {
	g := loadYAML(t, `
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: default, namespace: shop}
spec:
  mtls: {mode: STRICT}
---
apiVersion: security.istio.io/v1
kind: PeerAuthentication
metadata: {name: exporter, namespace: shop}
spec:
  selector: {matchLabels: {app: exporter}}
  portLevelMtls:
    9100: {mode: DISABLE}
    9200: {mode: UNSET}
---
apiVersion: v1
kind: Pod
metadata: {name: exporter, namespace: shop, labels: {app: exporter}}
spec: {containers: [{name: e, image: example.com/e}]}
`)
	noProblems(t, g)
	var w *Workload
	for _, x := range g.Workloads() {
		if x.Name == "exporter" {
			w = x
		}
	}
	if m := g.WorkloadPeerAuth(w); m.Mode != MTLSStrict || !m.PortLevel || m.Path != "spec.mtls.mode" || m.Source.Name != "default" {
		t.Errorf("workload mode %+v", m)
	}
	tests := []struct {
		port            int
		mode, src, path string
	}{
		{9100, MTLSDisable, "exporter", `spec.portLevelMtls.9100.mode`},
		{9200, MTLSStrict, "default", "spec.mtls.mode"}, // UNSET inherits
		{8080, MTLSStrict, "default", "spec.mtls.mode"},
	}
	for _, tt := range tests {
		m := g.WorkloadPortPeerAuth(w, tt.port)
		if m.Mode != tt.mode || m.Source == nil || m.Source.Name != tt.src || m.Path != tt.path || m.PortLevel {
			t.Errorf("port %d: %+v; want %s from %s at %s", tt.port, m, tt.mode, tt.src, tt.path)
		}
	}
}
