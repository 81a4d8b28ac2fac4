package gateways_test

import (
	"context"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/gateways"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// Fixtures check messages, not severities: a Gateway nothing in the files
// binds is info (its VirtualServices may live elsewhere), a host left out
// by the VirtualServices that bind it a warning.
func TestGatewayServerHostNotRoutedSeverity(t *testing.T) {
	const gw = "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: public, namespace: shop}\n" +
		"spec:\n  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [shop.example.com, blog.example.com]\n"
	const vs = "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: shop, namespace: shop}\n" +
		"spec:\n  hosts: [shop.example.com]\n  gateways: [public]\n  http: [{route: [{destination: {host: shop}}]}]\n"
	tests := []struct {
		name, doc string
		want      analyzers.Severity
	}{
		{"none bound", gw, analyzers.SeverityInfo},
		{"one host left out", gw + vs, analyzers.SeverityWarning},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := graph.Load([]source.Source{{Path: "gw.yaml", Content: []byte(tt.doc)}}, graph.DefaultOptions())
			findings, err := analyzers.Run(context.Background(), g, []*analyzers.Rule{gateways.GatewayServerHostNotRouted})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 1 || findings[0].Severity != tt.want {
				t.Fatalf("findings %v; want one of severity %s", findings, tt.want)
			}
		})
	}
}
