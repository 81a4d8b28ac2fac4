package references_test

import (
	"context"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/references"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// Without the default install, a selector that matches nothing mentions
// the install only when one of its gateways would have matched.
func TestGatewaySelectorNoteWithoutDefaultInstall(t *testing.T) {
	tests := []struct {
		selector string
		note     string // "" when the message must not mention the install
	}{
		{"{istio: ingressgateway}", "(the default install's gateway istio-system/istio-ingressgateway is not assumed)"},
		{"{istio: egressgateway}", "(the default install's gateway istio-system/istio-egressgateway is not assumed)"},
		{"{istio: eastwestgateway}", ""},
		{"{app: partner-gateway}", ""},
	}
	for _, tt := range tests {
		t.Run(tt.selector, func(t *testing.T) {
			src := source.Source{Path: "gw.yaml", Content: []byte("apiVersion: networking.istio.io/v1\nkind: Gateway\n" +
				"metadata: {name: gw, namespace: edge}\nspec:\n  selector: " + tt.selector + "\n" +
				"  servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]\n")}
			opts := graph.DefaultOptions()
			opts.AssumeDefaultIngress = false
			findings, err := analyzers.Run(context.Background(), graph.Load([]source.Source{src}, opts),
				[]*analyzers.Rule{references.GatewaySelectorNoWorkload})
			if err != nil {
				t.Fatal(err)
			}
			if len(findings) != 1 {
				t.Fatalf("%d findings; want 1", len(findings))
			}
			msg := findings[0].Message
			if tt.note == "" && (strings.Contains(msg, "assumed") || strings.Contains(msg, "install")) {
				t.Errorf("message %q mentions the install, which the selector has nothing to do with", msg)
			}
			if tt.note != "" && !strings.HasSuffix(msg, tt.note) {
				t.Errorf("message %q; want it to end with %q", msg, tt.note)
			}
		})
	}
}
