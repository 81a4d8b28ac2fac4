package routing_test

import (
	"context"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/routing"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// Fixtures check messages, not severities: a gateway-only VirtualService
// routing by path is info, anything else a warning.
func TestVirtualServiceNoDefaultRouteSeverity(t *testing.T) {
	tests := []struct {
		name, gateways, match string
		want                  analyzers.Severity
	}{
		{"ingress by path", "[public]", "{uri: {prefix: /api}}", analyzers.SeverityInfo},
		{"ingress by exact path and header", "[public]", "{uri: {exact: /login}, headers: {x-team: {exact: a}}}", analyzers.SeverityInfo},
		{"ingress by header on every path", "[public]", "{uri: {prefix: /}, headers: {x-team: {exact: a}}}", analyzers.SeverityWarning},
		{"ingress by header", "[public]", "{headers: {x-team: {exact: a}}}", analyzers.SeverityWarning},
		{"ingress and mesh by path", "[public, mesh]", "{uri: {prefix: /api}}", analyzers.SeverityWarning},
		{"mesh by path", "[]", "{uri: {prefix: /api}}", analyzers.SeverityWarning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: vs, namespace: shop}\n" +
				"spec:\n  hosts: [shop.example.com]\n  gateways: " + tt.gateways +
				"\n  http:\n  - match: [" + tt.match + "]\n    route: [{destination: {host: shop}}]\n"
			g := graph.Load([]source.Source{{Path: "vs.yaml", Content: []byte(doc)}}, graph.DefaultOptions())
			findings, err := analyzers.Run(context.Background(), g, []*analyzers.Rule{routing.VirtualServiceNoDefaultRoute})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 1 || findings[0].Severity != tt.want {
				t.Fatalf("findings %v; want one of severity %s", findings, tt.want)
			}
		})
	}
}
