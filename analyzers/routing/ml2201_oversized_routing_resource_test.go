package routing_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/routing"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// Fixtures run with the default limits; these cases set them.
func TestOversizedRoutingResourceOptions(t *testing.T) {
	const manifests = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: shop, namespace: shop}
spec:
  hosts: [a, b, c]
  http:
  - {match: [{uri: {prefix: /a}}], route: [{destination: {host: a}}]}
  - {match: [{uri: {prefix: /b}}], route: [{destination: {host: b}}]}
  - route: [{destination: {host: c}}]
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a, namespace: shop}
spec:
  host: a
  subsets: [{name: v1, labels: {version: v1}}, {name: v2, labels: {version: v2}}]
`
	tests := []struct {
		name    string
		options map[string]any
		want    []string // a part of each finding's message
	}{
		{"defaults", nil, nil},
		{"at the limits", map[string]any{"maxRoutes": 3, "maxHosts": 3, "maxSubsets": 2}, nil},
		{"routes", map[string]any{"maxRoutes": 2}, []string{"3 HTTP routes, over the limit of 2 (maxRoutes)"}},
		{"hosts", map[string]any{"maxHosts": 1}, []string{"3 hosts, over the limit of 1 (maxHosts)"}},
		{"subsets", map[string]any{"maxSubsets": 1}, []string{"2 subsets, over the limit of 1 (maxSubsets)"}},
		{"bytes", map[string]any{"maxBytes": 200}, []string{"VirtualService is ", "DestinationRule is "}},
	}
	g := graph.Load([]source.Source{{Path: "shop.yaml", Content: []byte(manifests)}}, graph.DefaultOptions())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := analyzers.Options{RuleOptions: map[string]map[string]any{"ML2201": tt.options}}
			res, err := analyzers.RunWith(context.Background(), g, []*analyzers.Rule{routing.OversizedRoutingResource}, opts)
			if err != nil {
				t.Fatal(err)
			}
			findings := res.Findings
			if len(findings) != len(tt.want) {
				t.Fatalf("%d findings, want %d: %v", len(findings), len(tt.want), findings)
			}
			for i, f := range findings {
				if !strings.Contains(f.Message, tt.want[i]) {
					t.Errorf("finding %d = %q, want it to contain %q", i, f.Message, tt.want[i])
				}
				if f.Severity != analyzers.SeverityInfo {
					t.Errorf("finding %d is %v; below kubectl's limit it is info", i, f.Severity)
				}
			}
		})
	}
}

// Past kubectl's 262144 bytes, client-side apply fails: a warning.
func TestOversizedRoutingResourceKubectlLimit(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: big, namespace: shop}\nspec:\n  hosts: [a]\n  http:\n")
	for i := range 3000 {
		fmt.Fprintf(&b, "  - {match: [{uri: {prefix: /route-number-%d/}}], route: [{destination: {host: a}}]}\n", i)
	}
	g := graph.Load([]source.Source{{Path: "big.yaml", Content: []byte(b.String())}}, graph.DefaultOptions())
	opts := analyzers.Options{RuleOptions: map[string]map[string]any{"ML2201": {"maxRoutes": 5000}}}
	res, err := analyzers.RunWith(context.Background(), g, []*analyzers.Rule{routing.OversizedRoutingResource}, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) != 1 || res.Findings[0].Severity != analyzers.SeverityWarning || !strings.Contains(res.Findings[0].Message, "(maxBytes)") {
		t.Fatalf("want one maxBytes warning, got %v", res.Findings)
	}
}
