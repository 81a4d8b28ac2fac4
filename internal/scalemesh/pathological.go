package scalemesh

import (
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/graph/source"
)

// The pathological inputs: shapes where one index key or one document
// carries everything, which a quadratic join would make explode. Each
// returns one file.

// HotHost is n VirtualServices for one host (and its Service).
func HotHost(n int) source.Source {
	var b strings.Builder
	writeNamespace(&b, "hot", true)
	b.WriteString("---\n")
	fmt.Fprint(&b, "apiVersion: v1\nkind: Service\nmetadata:\n  name: reviews\n  namespace: hot\nspec:\n  selector:\n    app: reviews\n  ports:\n  - name: http\n    port: 8080\n")
	for i := range n {
		fmt.Fprintf(&b, `---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews-%d
  namespace: hot
spec:
  hosts:
  - reviews
  http:
  - match:
    - uri:
        prefix: /r%d/
    route:
    - destination:
        host: reviews
`, i, i)
	}
	return source.Source{Path: "hot-host.yaml", Content: []byte(b.String())}
}

// WideGateway is one Gateway with n hosts, and a VirtualService bound to
// it for each.
func WideGateway(n int) source.Source {
	var b strings.Builder
	writeNamespace(&b, "edge", true)
	b.WriteString("---\napiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata:\n  name: wide\n  namespace: edge\nspec:\n  selector:\n    istio: ingressgateway\n  servers:\n  - port:\n      number: 80\n      name: http\n      protocol: HTTP\n    hosts:\n")
	for i := range n {
		fmt.Fprintf(&b, "    - h%d.example.com\n", i)
	}
	fmt.Fprint(&b, "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n  namespace: edge\nspec:\n  selector:\n    app: web\n  ports:\n  - name: http\n    port: 8080\n")
	for i := range n {
		fmt.Fprintf(&b, "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: h%[1]d\n  namespace: edge\nspec:\n  hosts:\n  - h%[1]d.example.com\n  gateways:\n  - wide\n  http:\n  - route:\n    - destination:\n        host: web\n", i)
	}
	return source.Source{Path: "wide-gateway.yaml", Content: []byte(b.String())}
}

// OneSelector is n Deployments under one label, selected by a Service, a
// DestinationRule subset and an AuthorizationPolicy.
func OneSelector(n int) source.Source {
	var b strings.Builder
	writeNamespace(&b, "crowd", true)
	for i := range n {
		fmt.Fprintf(&b, "---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: w%[1]d\n  namespace: crowd\nspec:\n  selector:\n    matchLabels:\n      app: crowd\n      instance: w%[1]d\n  template:\n    metadata:\n      labels:\n        app: crowd\n        version: v1\n        instance: w%[1]d\n    spec:\n      containers:\n      - name: app\n        image: registry.example.com/crowd:1.0\n", i)
	}
	fmt.Fprint(&b, "---\napiVersion: v1\nkind: Service\nmetadata:\n  name: crowd\n  namespace: crowd\nspec:\n  selector:\n    app: crowd\n  ports:\n  - name: http\n    port: 8080\n")
	fmt.Fprint(&b, "---\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: crowd\n  namespace: crowd\nspec:\n  host: crowd\n  subsets:\n  - name: v1\n    labels:\n      version: v1\n")
	b.WriteString("---\n")
	writeAuthorizationPolicy(&b, "crowd", "crowd")
	return source.Source{Path: "one-selector.yaml", Content: []byte(b.String())}
}

// OneFile is the generated mesh as one multi-document file of at least
// size bytes.
func OneFile(size int) source.Source {
	var b strings.Builder
	for n := 0; b.Len() < size; n++ {
		for _, s := range genNamespace(n, ServicesPerNS, Mistakes{}, func() bool { return false }) {
			b.Write(s.Content)
			b.WriteString("---\n")
		}
	}
	return source.Source{Path: "one-file.yaml", Content: []byte(b.String())}
}
