package rules

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

const gatewayAPIInput = `apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: edge, namespace: infra}
spec:
  gatewayClassName: istio
  listeners: [{name: http, port: 80, protocol: HTTP, hostname: shop.example.com}]
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: backends}
spec: {ports: [{port: 80}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: web, namespace: shop}
spec:
  parentRefs: [{name: edge, namespace: infra}]
  rules: [{backendRefs: [{name: web, namespace: backends, port: 80}]}]
`

func TestGatewayAPIIndex(t *testing.T) {
	g := graph.Load([]source.Source{{Path: "m.yaml", Content: []byte(gatewayAPIInput)}}, graph.DefaultOptions())
	data, err := NewInput(g).Select("", true)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := json.Marshal(data)
	for _, want := range []string{
		`"parents":{"gateway.networking.k8s.io/HTTPRoute/shop/web":["gateway.networking.k8s.io/Gateway/infra/edge"]}`,
		`"attachments":{"gateway.networking.k8s.io/HTTPRoute/shop/web":{"spec.parentRefs[0]":"NotAllowedByListeners"}}`,
		`"backends":{"gateway.networking.k8s.io/HTTPRoute/shop/web":["core/Service/backends/web"]}`,
		`"grants":{"gateway.networking.k8s.io/HTTPRoute/shop/web":{"spec.rules[0].backendRefs[0]":[]}}`,
		`"listeners":{"gateway.networking.k8s.io/Gateway/infra/edge":[{"from":"Same","hostname":"shop.example.com","name":"http","port":80,"protocol":"HTTP"}]}`,
	} {
		if !strings.Contains(string(out), want) {
			t.Errorf("data.meshlint lacks %s\nin %s", want, out)
		}
	}
}
