package schemas_test

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/schemas"
)

// resources loads YAML the way meshlint does, so that values have the
// types the validator gets in production (int64, float64, …).
func resources(t testing.TB, name, content string) []*graph.Resource {
	t.Helper()
	g := graph.Load([]source.Source{{Path: name, Content: []byte(content)}}, graph.DefaultOptions())
	for _, p := range g.Problems {
		if p.Kind != graph.ProblemSpecDecode {
			t.Fatalf("%s: %s", name, p.Message)
		}
	}
	return g.Resources
}

func gvkOf(r *graph.Resource) schemas.GVK {
	return schemas.GVK{Group: r.Group, Version: r.Version, Kind: r.Kind}
}

// embedded returns the shared registry, or skips the test while the
// generated schemas are not there.
func embedded(t testing.TB) *schemas.Registry {
	t.Helper()
	reg := schemas.Default()
	if _, ok, err := reg.Lookup(schemas.GVK{Group: "networking.istio.io", Version: "v1", Kind: "VirtualService"}); err != nil || !ok {
		t.Skipf("no embedded schema for networking.istio.io/v1 VirtualService (err %v): run go generate ./schemas", err)
	}
	return reg
}

func render(vs []schemas.Violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  %s %s %q field=%q suggestion=%q", v.Path, v.Kind, v.Message, v.Field, v.Suggestion)
	}
	return b.String()
}

const vsHeader = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: reviews}\n"

func TestValidate(t *testing.T) {
	reg := embedded(t)
	tests := []struct {
		name, yaml string
		want       []schemas.Violation // Path, Kind, Field, Suggestion and a Message substring
	}{
		{"unknown field with suggestion", vsHeader + "spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destinaton: {host: reviews}\n",
			[]schemas.Violation{{Path: "spec.http[0].route[0].destinaton", Kind: schemas.UnknownField, Field: "destinaton", Suggestion: "destination", Message: `unknown field "destinaton"`}}},
		{"unknown top-level field", vsHeader + "spec: {hosts: [reviews]}\nspecs: {}\n",
			[]schemas.Violation{{Path: "specs", Kind: schemas.UnknownField, Field: "specs", Suggestion: "spec"}}},
		{"wrong type", vsHeader + "spec:\n  hosts: reviews\n",
			[]schemas.Violation{{Path: "spec.hosts", Kind: schemas.Type, Message: `Invalid value: "reviews": must be a list, not a string`}}},
		{"enum", "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec:\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: ['*']\n    tls: {mode: SIMPEL, credentialName: cert}\n",
			[]schemas.Violation{{Path: "spec.servers[0].tls.mode", Kind: schemas.Enum, Message: `Unsupported value: "SIMPEL": supported values: "PASSTHROUGH", "SIMPLE"`}}},
		{"required host", "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: dr}\nspec:\n  subsets: [{name: v1, labels: {version: v1}}]\n",
			[]schemas.Violation{{Path: "spec.host", Kind: schemas.Required, Field: "host", Message: "Required value"}}},
		{"required port", "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec:\n  servers:\n  - hosts: ['*']\n",
			[]schemas.Violation{{Path: "spec.servers[0].port", Kind: schemas.Required, Field: "port"}}},
		{"range", "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: gw}\nspec:\n  servers:\n  - hosts: ['*']\n    port: {number: -1, name: http, protocol: HTTP}\n",
			[]schemas.Violation{{Path: "spec.servers[0].port.number", Kind: schemas.Range, Message: "greater than or equal to 0"}}},
		{"at most one of", vsHeader + "spec:\n  hosts: [reviews]\n  http:\n  - match: [{uri: {exact: /a, prefix: /b}}]\n    route: [{destination: {host: reviews}}]\n",
			[]schemas.Violation{{Path: "spec.http[0].match[0].uri", Kind: schemas.Other, Message: `only one of "exact", "prefix"`}}},
		{"spec not an object", vsHeader + "spec: 7\n",
			[]schemas.Violation{{Path: "spec", Kind: schemas.Shape}}},
		{"metadata label type", "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n  labels: {version: 1}\n  madeUp: 1\nspec: {hosts: [reviews]}\n",
			[]schemas.Violation{{Path: "metadata.labels.version", Kind: schemas.Type}}},
		{"null fields are pruned", vsHeader + "spec:\n  hosts: [reviews]\n  gateways: null\n  http:\n  - route: [{destination: {host: reviews, subset: ~}}]\n", nil},
		{"preserve unknown fields", "apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: ef}\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n    patch:\n      operation: INSERT_BEFORE\n      value:\n        name: envoy.lua\n        anything: {goes: [1, two]}\n", nil},
		{"nullable", vsHeader + "spec:\n  hosts: [reviews]\n  http:\n  - corsPolicy: {allowCredentials: null}\n    route: [{destination: {host: reviews}}]\n", nil},
		{"nullable, wrong type", vsHeader + "spec:\n  hosts: [reviews]\n  http:\n  - corsPolicy: {allowCredentials: \"yes\"}\n    route: [{destination: {host: reviews}}]\n",
			[]schemas.Violation{{Path: "spec.http[0].corsPolicy.allowCredentials", Kind: schemas.Type, Message: `Invalid value: "yes": must be a boolean (true or false), not a string`}}},
		{"null list item", vsHeader + "spec:\n  hosts: [reviews, null]\n",
			[]schemas.Violation{{Path: "spec.hosts[1]", Kind: schemas.Type, Message: `Invalid value: null: must be a string, not null`}}},
		{"int-or-string as int", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n", nil},
		{"int-or-string as string", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: http}]\n", nil},
		{"int-or-string wrong", "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{port: 80, targetPort: [1]}]\n",
			[]schemas.Violation{{Path: "spec.ports[0].targetPort", Kind: schemas.Type, Message: "Invalid value: [1]: must be an integer or a string, not a list"}}},
		{"core type error", deployment("  replicas: \"3\"\n", ""),
			[]schemas.Violation{{Path: "spec.replicas", Kind: schemas.Type, Message: `Invalid value: "3": must be an integer, not a string`}}},
		{"core unknown field", deployment("", "        imagePullPolcy: Always\n"),
			[]schemas.Violation{{Path: "spec.template.spec.containers[0].imagePullPolcy", Kind: schemas.UnknownField, Field: "imagePullPolcy", Suggestion: "imagePullPolicy"}}},
		{"core metadata is strict", strings.Replace(deployment("", ""), "  name: reviews\n", "  name: reviews\n  lables: {app: reviews}\n", 1),
			[]schemas.Violation{{Path: "metadata.lables", Kind: schemas.UnknownField, Suggestion: "labels"}}},
		{"core quantity", deployment("", "        resources: {limits: {cpu: 1, memory: 128Mi}}\n"), nil},
		{"kubectl output", deployment("", "        resources: {}\n") + "status: {}\n", nil},
		{"a field named oneOf", crdWithSchema("type: object\noneOf: [1, 2]\nnot: 5\n"),
			[]schemas.Violation{
				{Path: "spec.versions[0].schema.openAPIV3Schema.not", Kind: schemas.Type},
				{Path: "spec.versions[0].schema.openAPIV3Schema.oneOf[0]", Kind: schemas.Type},
				{Path: "spec.versions[0].schema.openAPIV3Schema.oneOf[1]", Kind: schemas.Type},
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := resources(t, "t.yaml", tt.yaml)[0]
			got, err := reg.Validate(gvkOf(r), r.Object)
			if err != nil {
				t.Fatal(err)
			}
			if !matchViolations(got, tt.want) {
				t.Errorf("got:%s\nwant:%s", render(got), render(tt.want))
			}
		})
	}
}

// deployment is a valid Deployment with extra lines in its spec and in
// its container.
func deployment(spec, container string) string {
	return "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: reviews\n  creationTimestamp: null\nspec:\n" + spec +
		"  selector: {matchLabels: {app: reviews}}\n  template:\n    metadata: {labels: {app: reviews}}\n    spec:\n" +
		"      containers:\n      - name: reviews\n        image: reviews:1\n        ports: [{containerPort: 9080}]\n" + container
}

// crdWithSchema is a CustomResourceDefinition with the given
// openAPIV3Schema (YAML lines at indent 0).
func crdWithSchema(schema string) string {
	return "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: widgets.example.com}\n" +
		"spec:\n  group: example.com\n  names: {kind: Widget, plural: widgets}\n  scope: Namespaced\n" +
		"  versions:\n  - name: v1\n    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n" +
		"        " + strings.ReplaceAll(strings.TrimSuffix(schema, "\n"), "\n", "\n        ") + "\n"
}

func matchViolations(got, want []schemas.Violation) bool {
	if len(got) != len(want) {
		return false
	}
	for i, w := range want {
		g := got[i]
		if g.Path != w.Path || g.Kind != w.Kind || g.Field != w.Field && w.Field != "" ||
			g.Suggestion != w.Suggestion || !strings.Contains(g.Message, w.Message) {
			return false
		}
	}
	return true
}

func TestValidateNoSchema(t *testing.T) {
	reg := embedded(t)
	_, err := reg.Validate(schemas.GVK{Group: "example.com", Version: "v1", Kind: "Widget"}, map[string]any{})
	if !errors.Is(err, schemas.ErrNoSchema) {
		t.Fatalf("got %v, want ErrNoSchema", err)
	}
}

// TestValidateConformanceData runs every document of istioctl's analyzer
// test data through the validator: whatever it holds, no error and no panic.
func TestValidateConformanceData(t *testing.T) {
	reg := embedded(t)
	files, _ := filepath.Glob("../../shared/conformance/istioctl-analyze/testdata/*.yaml")
	if len(files) == 0 {
		t.Skip("../shared/conformance/istioctl-analyze is not there")
	}
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		g := graph.Load([]source.Source{{Path: file, Content: content}}, graph.DefaultOptions())
		for _, r := range g.Resources {
			if _, err := reg.Validate(gvkOf(r), r.Object); err != nil && !errors.Is(err, schemas.ErrNoSchema) {
				t.Errorf("%s: %s: %v", file, r, err)
			}
		}
	}
}

const benchVirtualService = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: bookinfo
spec:
  hosts: [reviews]
  http:
  - match:
    - headers:
        end-user: {exact: jason}
    route:
    - destination: {host: reviews, subset: v2}
  - route:
    - destination: {host: reviews, subset: v1}
      weight: 80
    - destination: {host: reviews, subset: v3}
      weight: 20
    timeout: 10s
    retries: {attempts: 3, perTryTimeout: 2s}
`

// BenchmarkValidateVirtualService measures one VirtualService. "first" is
// a fresh registry: reading the embedded schema and compiling it, what a
// one-file pre-commit run pays once per kind; an invalid object also has
// the whole schema converted once, to check it compiles (checkSchema).
// "warm" is a registry that has done both already.
func BenchmarkValidateVirtualService(b *testing.B) {
	embedded(b)
	valid := resources(b, "vs.yaml", benchVirtualService)[0]
	invalid := resources(b, "vs.yaml", strings.Replace(benchVirtualService, "hosts: [reviews]", "hosts: reviews", 1))[0]
	for _, bench := range []struct {
		name string
		r    *graph.Resource
		want int
	}{{"valid", valid, 0}, {"invalid", invalid, 1}} {
		b.Run("first/"+bench.name, func(b *testing.B) {
			for b.Loop() {
				if vs, err := schemas.NewRegistry().Validate(gvkOf(bench.r), bench.r.Object); err != nil || len(vs) != bench.want {
					b.Fatal(err, vs)
				}
			}
		})
		b.Run("warm/"+bench.name, func(b *testing.B) {
			reg := schemas.NewRegistry()
			for b.Loop() {
				if vs, err := reg.Validate(gvkOf(bench.r), bench.r.Object); err != nil || len(vs) != bench.want {
					b.Fatal(err, vs)
				}
			}
		})
	}
}

// TestValidateLoadedAgreesWithValidate: ValidateLoaded skips pruning
// nulls for objects without any; the result must not change.
func TestValidateLoadedAgreesWithValidate(t *testing.T) {
	reg := schemas.Default()
	for _, text := range []string{
		"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\nspec: {host: null, subsets: [{name: v1, labels: null}]}\n",
		"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: d}\nspec: {host: d, trafficPolicy: {tls: {mode: WRONG}}}\n",
		"apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports:\n  - port:\n    name: http\n",
	} {
		g := graph.Load([]source.Source{{Path: "f.yaml", Content: []byte(text)}}, graph.DefaultOptions())
		for _, r := range g.Resources {
			want, err1 := reg.Validate(gvkOf(r), r.Object)
			got, err2 := reg.ValidateLoaded(gvkOf(r), r.Object, r.HasNull)
			if !reflect.DeepEqual(got, want) || (err1 == nil) != (err2 == nil) {
				t.Errorf("%s: ValidateLoaded = %v, %v; Validate = %v, %v", r, got, err2, want, err1)
			}
		}
	}
}

// BenchmarkValidateRejected validates the objects of the fixtures that
// have schema findings (ML0101-ML0104): "first" with a fresh registry, as
// a one-file run pays once per kind, "warm" with one that has seen them.
func BenchmarkValidateRejected(b *testing.B) {
	embedded(b)
	var objs []*graph.Resource
	for _, file := range []string{
		"ML0101-schema-unknown-field/bad-typos.yaml", "ML0102-schema-invalid-value/bad-values.yaml",
		"ML0102-schema-invalid-value/bad-core-enums.yaml", "ML0103-schema-required-field-missing/bad-missing.yaml",
		"ML0104-schema-not-applicable/bad-shape.yaml", "../hostile/numbers-out-of-range.yaml", "../hostile/invalid-shapes.yaml",
	} {
		content, err := os.ReadFile(filepath.Join("../testdata/rules", file))
		if err != nil {
			b.Fatal(err)
		}
		g := graph.Load([]source.Source{{Path: file, Content: content}}, graph.DefaultOptions())
		objs = append(objs, g.Resources...)
	}
	validateAll := func(reg *schemas.Registry) int {
		n := 0
		for _, r := range objs {
			vs, _ := reg.Validate(gvkOf(r), r.Object)
			n += len(vs)
		}
		return n
	}
	b.Run("first", func(b *testing.B) {
		for b.Loop() {
			validateAll(schemas.NewRegistry())
		}
	})
	b.Run("warm", func(b *testing.B) {
		reg := schemas.NewRegistry()
		b.Logf("%d objects, %d violations", len(objs), validateAll(reg))
		for b.Loop() {
			validateAll(reg)
		}
	})
}
