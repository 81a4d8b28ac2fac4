package graph

import (
	"fmt"
	"testing"
)

func TestSubsetSelections(t *testing.T) {
	const svc = `apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  selector: {app: web}
  ports: [{name: http, port: 80}]
---
`
	const pod = `apiVersion: v1
kind: Pod
metadata: {name: web-1, namespace: shop, labels: {app: web, version: v1}}
spec: {containers: [{name: web, image: web}]}
---
`
	dr := func(labels string) string {
		return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: web, namespace: shop}\n" +
			"spec: {host: web, subsets: [{name: s, labels: " + labels + "}]}\n"
	}
	tests := []struct {
		name, yaml string
		want       string // "" when the files cannot tell, else selected/workloads
	}{
		{"version matches", svc + pod + dr("{version: v1}"), "1/1"},
		{"version missing", svc + pod + dr("{version: v3}"), "0/1"},
		{"no workloads in the files", svc + dr("{version: v3}"), ""},
		{"region from the node", svc + pod + dr(`{topology.kubernetes.io/region: us-west-1}`), "1/1"},
		{"empty region is never set", svc + pod + dr(`{topology.kubernetes.io/region: ""}`), "0/1"},
		{"key the pod does not carry: may be labelled later", svc + pod + dr("{track: stable}"), "1/1"},
		{"placeholder", svc + pod + dr(`{version: "${V}"}`), "1/1"},
		{"unknown host", pod + dr("{version: v3}"), ""},
	}
	for _, tt := range tests {
		g := loadYAML(t, tt.yaml)
		got := ""
		for _, s := range g.SubsetSelections(g.OfKind(KindDestinationRule)[0]) {
			got = fmt.Sprintf("%d/%d", len(s.Selected), len(s.Workloads))
		}
		if got != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
	}
}
