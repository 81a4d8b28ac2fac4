package meshgraph_test

import (
	"bytes"
	"context"
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report/meshgraph"
)

const mesh = `
apiVersion: v1
kind: Namespace
metadata: {name: shop, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Service
metadata: {name: cart, namespace: shop}
spec: {selector: {app: cart}, ports: [{name: http, port: 80}]}
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: cart-v1, namespace: shop}
spec:
  selector: {matchLabels: {app: cart}}
  template:
    metadata: {labels: {app: cart, version: v1}}
    spec: {containers: [{name: cart, image: cart}]}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart
  subsets: [{name: v1, labels: {version: v1}}]
---
apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: cart, namespace: shop}
spec:
  hosts: [cart]
  http:
  - match: [{headers: {x-user: {exact: "a\"b<c>#|"}}}]
    route: [{destination: {host: cart, subset: v1}}]
  - route:
    - {destination: {host: cart, subset: v1}, weight: 90}
    - {destination: {host: cart, subset: v2}, weight: 10}
    - {destination: {host: payments}, weight: 0}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: nobody, namespace: shop}
spec:
  selector: {matchLabels: {app: nothing}}
`

func build(t *testing.T, yaml string, enable ...string) (*meshgraph.Graph, *graph.Graph) {
	t.Helper()
	opts := lint.DefaultOptions()
	opts.Enable = enable
	res, err := lint.Lint(context.Background(), []source.Source{{Path: "mesh.yaml", Content: []byte(yaml)}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return meshgraph.Build(res.Graph, res.Findings), res.Graph
}

func edgesTo(m *meshgraph.Graph, to string) []*meshgraph.Edge {
	var out []*meshgraph.Edge
	for _, e := range m.Edges {
		if e.To == to {
			out = append(out, e)
		}
	}
	return out
}

func TestBrokenReferencesCarryTheirRule(t *testing.T) {
	m, _ := build(t, mesh)
	sub := edgesTo(m, "missing:route-subset:cart.shop.svc.cluster.local/v2")
	if len(sub) != 1 || !sub[0].Broken || !slices.Contains(sub[0].Rules, "ML1102") || sub[0].Label != "10%, subset v2" {
		t.Errorf("edge to the missing subset: %+v", sub)
	}
	host := edgesTo(m, "missing:route-host:payments.shop.svc.cluster.local")
	if len(host) != 1 || !host[0].Broken || !slices.Contains(host[0].Rules, "ML1103") {
		t.Errorf("edge to the missing host: %+v", host)
	}
	// The route to a subset that resolves is drawn to the subset, not again to the host.
	v1 := edgesTo(m, "DestinationRule.networking.istio.io/shop/cart#v1")
	if len(v1) != 2 || v1[1].Label != "90%, subset v1" {
		t.Errorf("edges to subset v1: %+v", v1)
	}
}

// A dangling reference no finding reports (here: the rules that would are
// off) is drawn, but grey: the files alone cannot tell it is a mistake.
func TestDanglingWithoutFindingIsNotBroken(t *testing.T) {
	m, _ := build(t, mesh, "ML0001")
	for _, e := range m.Edges {
		if e.Broken {
			t.Errorf("broken without finding: %+v", e)
		}
	}
	if len(edgesTo(m, "missing:policy-workload:app=nothing")) != 1 {
		t.Errorf("the policy selecting nothing is not drawn: %+v", m.Edges)
	}
}

func TestQuoting(t *testing.T) {
	m, _ := build(t, mesh)
	var dot, mmd bytes.Buffer
	if err := meshgraph.WriteDOT(&dot, m); err != nil {
		t.Fatal(err)
	}
	if err := meshgraph.WriteMermaid(&mmd, m); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(dot.String(), `label="header x-user = a\"b<c>#|, subset v1"`) {
		t.Errorf("DOT label not escaped:\n%s", dot.String())
	}
	if !strings.Contains(mmd.String(), `|"header x-user = a#quot;b#lt;c#gt;#35;#124;, subset v1"|`) {
		t.Errorf("Mermaid label not escaped:\n%s", mmd.String())
	}
}

func TestJSONMatchesSchemaAndRoundTrips(t *testing.T) {
	m, _ := build(t, mesh)
	var buf bytes.Buffer
	if err := meshgraph.WriteJSON(&buf, m); err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("graph.schema.json", bytes.NewReader(meshgraph.Schema)); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile("graph.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := json.Unmarshal(buf.Bytes(), &doc); err != nil {
		t.Fatal(err)
	}
	if err := schema.Validate(doc); err != nil {
		t.Errorf("output does not match the schema: %v", err)
	}
	var back meshgraph.Graph
	if err := json.Unmarshal(buf.Bytes(), &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(&back, m) {
		t.Errorf("JSON does not round-trip")
	}
}

func TestDeterministic(t *testing.T) {
	var first string
	for i := 0; i < 5; i++ {
		m, _ := build(t, mesh)
		var buf bytes.Buffer
		_ = meshgraph.WriteMermaid(&buf, m)
		if i == 0 {
			first = buf.String()
		} else if buf.String() != first {
			t.Fatalf("run %d draws differently", i)
		}
	}
}

func TestFilter(t *testing.T) {
	m, g := build(t, mesh)
	ids := func(f meshgraph.Filter) []string {
		out, err := f.Apply(m, g)
		if err != nil {
			t.Fatal(err)
		}
		var s []string
		for _, n := range out.Nodes {
			s = append(s, n.ID)
		}
		return s
	}
	got := ids(meshgraph.Filter{Focus: []string{"cart.shop"}, Depth: 1})
	want := []string{"Deployment.apps/shop/cart-v1", "DestinationRule.networking.istio.io/shop/cart", "Service/shop/cart", "VirtualService.networking.istio.io/shop/cart"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("focus on the host, depth 1: %v, want %v", got, want)
	}
	got = ids(meshgraph.Filter{Focus: []string{"virtualservice/shop/cart"}, Kinds: []string{"VirtualService", "Service"}, Depth: 3})
	for _, id := range got {
		if !strings.HasPrefix(id, "VirtualService") && !strings.HasPrefix(id, "Service") && !strings.HasPrefix(id, "missing:") {
			t.Errorf("--kinds kept %s", id)
		}
	}
	if got := ids(meshgraph.Filter{Focus: []string{"./mesh.yaml"}}); len(got) != len(m.Nodes)-8 {
		// every node but the implied gateways (4) and missing targets (3) and the subset
		t.Errorf("focus on the file: %v", got)
	}
	if _, err := (meshgraph.Filter{Focus: []string{"nowhere"}}).Apply(m, g); err == nil {
		t.Error("a focus on nothing is not an error")
	}
}
