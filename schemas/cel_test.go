package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"sync"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// celCRD is what the tests read of a CRD: its kind and versions.
type celCRD struct {
	Group, Kind, Name string
	Served, Storage   bool
	Schema            *Schema
}

// readCELCRDs reads the versions of the CRDs in a YAML stream, converting
// their openAPIV3Schema into a Schema through JSON, as the generator does.
func readCELCRDs(raw []byte) ([]celCRD, error) {
	var out []celCRD
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	for {
		var crd struct {
			Spec struct {
				Group    string
				Names    struct{ Kind string }
				Versions []struct {
					Name            string
					Served, Storage bool
					Schema          struct {
						OpenAPIV3Schema any `yaml:"openAPIV3Schema"`
					}
				}
			}
		}
		if err := dec.Decode(&crd); errors.Is(err, io.EOF) {
			return out, nil
		} else if err != nil {
			return nil, err
		}
		for _, v := range crd.Spec.Versions {
			j, err := json.Marshal(v.Schema.OpenAPIV3Schema)
			if err != nil {
				return nil, err
			}
			s := &Schema{}
			if err := json.Unmarshal(j, s); err != nil {
				return nil, err
			}
			out = append(out, celCRD{crd.Spec.Group, crd.Spec.Names.Kind, v.Name, v.Served, v.Storage, s})
		}
	}
}

// celIstioBundle reads the CRD bundle of the istio.io/api module.
var celIstioBundle = sync.OnceValues(func() ([]celCRD, error) {
	dir, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}", "istio.io/api").Output()
	if err != nil {
		return nil, err
	}
	raw, err := os.ReadFile(filepath.Join(strings.TrimSpace(string(dir)), "kubernetes", "customresourcedefinitions.gen.yaml"))
	if err != nil {
		return nil, err
	}
	return readCELCRDs(raw)
})

// celRegistry is the embedded registry once the generated schemas are
// there; until then, one built from the Istio CRD bundle.
func celRegistry(t testing.TB) *Registry {
	t.Helper()
	vs := GVK{"networking.istio.io", "v1", "VirtualService"}
	if _, ok, err := Default().Lookup(vs); ok && err == nil {
		return Default()
	}
	crds, err := celIstioBundle()
	if err != nil {
		t.Skipf("no embedded schema for %s and no Istio CRD bundle to build one from: %v", vs, err)
	}
	r := NewRegistry()
	for _, c := range crds {
		r.AddUser(&Entry{GVK: GVK{c.Group, c.Name, c.Kind}, Schema: c.Schema, Served: c.Served, Origin: "test"})
	}
	return r
}

// celLoad parses one document as meshlint does and returns its kind
// and plain value.
func celLoad(t testing.TB, doc string) (GVK, map[string]any) {
	t.Helper()
	g := graph.Load([]source.Source{{Path: "test.yaml", Content: []byte(doc)}}, graph.DefaultOptions())
	if len(g.Resources) != 1 {
		t.Fatalf("want one resource, got %d (problems: %v)", len(g.Resources), g.Problems)
	}
	r := g.Resources[0]
	return GVK{r.Group, r.Version, r.Kind}, r.Object
}

// want is an expected violation: its path, and a regexp on its message.
type celWant struct{ path, message string }

func checkCELViolations(t *testing.T, got []CELViolation, wants []celWant) {
	t.Helper()
	if len(got) != len(wants) {
		t.Errorf("got %d violations, want %d: %+v", len(got), len(wants), got)
		return
	}
	for i, w := range wants {
		if got[i].Path != w.path || !regexp.MustCompile(w.message).MatchString(got[i].Message) {
			t.Errorf("violation %d: got %s: %q, want %s: /%s/", i, got[i].Path, got[i].Message, w.path, w.message)
		}
	}
}

// TestCELIstioRules evaluates real rules of the Istio CRDs on documents
// that break them and on documents that keep them.
func TestCELIstioRules(t *testing.T) {
	reg := celRegistry(t)
	tests := []struct {
		name, doc string
		want      []celWant
	}{
		{"vs timeout below 1ms", celVS("timeout: 0.5ms"), []celWant{{"spec.http[0].timeout", `^must be a valid duration greater than 1ms$`}}},
		{"vs timeout", celVS("timeout: 1s"), nil},
		{"vs timeout not a duration", celVS("timeout: soon"), []celWant{{"spec.http[0].timeout", `^must be a valid duration greater than 1ms: not a duration: write a number and a unit, such as 10s, 500ms or 1h$`}}},
		{"vs retry backoff", celVS("retries: {attempts: 3, backoff: 0s}"), []celWant{{"spec.http[0].retries.backoff", `greater than 1ms`}}},
		{"dr outlier interval", celDR("outlierDetection: {interval: 100us}"), []celWant{{"spec.trafficPolicy.outlierDetection.interval", `greater than 1ms`}}},
		{"dr outlier interval ok", celDR("outlierDetection: {interval: 10s, baseEjectionTime: 30s}"), nil},
		{"se selector and endpoints", celSE("workloadSelector: {labels: {app: a}}\n  endpoints: [{address: 1.2.3.4}]\n  resolution: STATIC"),
			[]celWant{{"spec", `^only one of WorkloadSelector or Endpoints can be set$`}}},
		{"se none with endpoints", celSE("endpoints: [{address: 1.2.3.4}]"), []celWant{{"spec", `^NONE mode cannot set endpoints$`}}},
		{"se static with endpoints", celSE("endpoints: [{address: 1.2.3.4}]\n  resolution: STATIC"), nil},
		{"se cidr with dns", celSE("addresses: [10.0.0.0/8]\n  resolution: DNS"), []celWant{{"spec", `CIDR addresses are allowed only for NONE/STATIC`}}},
		{"se round robin endpoints", celSE("resolution: DNS_ROUND_ROBIN\n  endpoints: [{address: a.example.com}, {address: b.example.com}]"),
			[]celWant{{"spec", `DNS_ROUND_ROBIN mode cannot have multiple endpoints`}}},
		{"se wildcard host", strings.Replace(celSE(""), "[api.example.com]", `["*"]`, 1), []celWant{{"spec.hosts[0]", `^hostname cannot be wildcard$`}}},
		{"se duplicate port", celSE("ports: [{number: 80, name: http, protocol: HTTP}, {number: 80, name: http2, protocol: HTTP}]"),
			[]celWant{{"spec.ports", `^port number cannot be duplicated$`}}},
		{"se port out of range", celSE("ports: [{number: 70000, name: http, protocol: HTTP}]"), []celWant{{"spec.ports[0].number", `^port must be between 1-65535$`}}},
		{"se relative uds", celSE("resolution: STATIC\n  endpoints: [{address: unix://sock}]"),
			[]celWant{{"spec.endpoints[0].address", `^UDS must be an absolute path or abstract socket$`}}},
		{"se uds", celSE("resolution: STATIC\n  endpoints: [{address: unix:///var/run/sock}]"), nil},
		{"we port name", celWE("ports: {Bad_Name: 80}"), []celWant{{"spec.ports", `^port name must be valid$`}}},
		{"we port", celWE("ports: {http: 80}"), nil},
		{"pa port level without selector", celPA("portLevelMtls: {\"8080\": {mode: DISABLE}}"), []celWant{{"spec", `^portLevelMtls requires selector$`}}},
		{"pa port zero", celPA("selector: {matchLabels: {app: a}}\n  portLevelMtls: {\"0\": {mode: DISABLE}}"), []celWant{{"spec.portLevelMtls", `^port must be between 1-65535$`}}},
		{"pa port level", celPA("selector: {matchLabels: {app: a}}\n  portLevelMtls: {\"8080\": {mode: DISABLE}}"), nil},
		{"ap wildcard label", celAP("selector: {matchLabels: {\"app*\": a}}"), []celWant{{"spec.selector.matchLabels", `^wildcard not allowed in label key match$`}}},
		{"ap wildcard value", celAP("selector: {matchLabels: {app: \"a*\"}}"), []celWant{{"spec.selector.matchLabels.app", `^wildcard not allowed in label value match$`}}},
		{"gw credential name twice", celGW("credentialName: a\n        credentialNames: [b]"),
			[]celWant{{"spec.servers[0].tls", `^only one of credentialName or credentialNames can be set$`}}},
		{"gw credential", celGW("credentialName: a"), nil},
		{"ra jwks uri scheme", celRA("jwksUri: ftp://example.com/keys"), []celWant{{"spec.jwtRules[0].jwksUri", `^url must have scheme http:// or https://$`}}},
		{"ra jwks uri", celRA("jwksUri: https://example.com/keys"), nil},
		{"wasm url scheme", celWasm("ftp://example.com/f.wasm"), []celWant{{"spec.url", `^url must have schema one of \[http, https, file, oci\]$`}}},
		{"wasm url", celWasm("oci://registry.example.com/filter:1"), nil},
		{"wasm url without scheme", celWasm("registry.example.com/filter:1"), nil},
		{"telemetry upsert without value", celTelemetry("{operation: UPSERT}"),
			[]celWant{{"spec.metrics[0].overrides[0].tagOverrides.x", `^no such key: value evaluating rule: value must be set when operation is UPSERT$`}}},
		{"telemetry remove with value", celTelemetry("{operation: REMOVE, value: a}"), []celWant{{"spec.metrics[0].overrides[0].tagOverrides.x", `^value must not be set when operation is REMOVE$`}}},
		{"telemetry upsert", celTelemetry("{operation: UPSERT, value: a}"), nil},
		{"envoyfilter waypoint without context", celEnvoyFilter("waypoint: {portNumber: 80}"), []celWant{{"spec.configPatches[0].match", `^only support waypointMatch when context is WAYPOINT$`}}},
		{"envoyfilter waypoint", celEnvoyFilter("context: WAYPOINT\n      waypoint: {portNumber: 80}"), nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g, obj := celLoad(t, tt.doc)
			got, stats, err := reg.CheckCEL(g, obj)
			if err != nil {
				t.Fatal(err)
			}
			checkCELViolations(t, got, tt.want)
			if stats.Evaluated == 0 || len(stats.Unsupported) > 0 || stats.Failed != len(tt.want) {
				t.Errorf("stats %+v", stats)
			}
		})
	}
}

func celVS(route string) string {
	return "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec:\n  hosts: [r]\n  http:\n  - route: [{destination: {host: r}}]\n    " + route + "\n"
}

func celDR(policy string) string {
	return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r}\nspec:\n  host: r\n  trafficPolicy:\n    " + policy + "\n"
}

func celSE(spec string) string {
	return "apiVersion: networking.istio.io/v1\nkind: ServiceEntry\nmetadata: {name: s}\nspec:\n  hosts: [api.example.com]\n  " + spec + "\n"
}

func celWE(spec string) string {
	return "apiVersion: networking.istio.io/v1\nkind: WorkloadEntry\nmetadata: {name: w}\nspec:\n  address: 1.2.3.4\n  " + spec + "\n"
}

func celPA(spec string) string {
	return "apiVersion: security.istio.io/v1\nkind: PeerAuthentication\nmetadata: {name: p}\nspec:\n  " + spec + "\n"
}

func celAP(spec string) string {
	return "apiVersion: security.istio.io/v1\nkind: AuthorizationPolicy\nmetadata: {name: p}\nspec:\n  " + spec + "\n"
}

func celGW(tls string) string {
	return "apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  servers:\n  - port: {number: 443, name: https, protocol: HTTPS}\n    hosts: [\"*\"]\n    tls:\n        mode: SIMPLE\n        " + tls + "\n"
}

func celRA(rule string) string {
	return "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: r}\nspec:\n  jwtRules:\n  - issuer: me\n    " + rule + "\n"
}

func celWasm(url string) string {
	return "apiVersion: extensions.istio.io/v1alpha1\nkind: WasmPlugin\nmetadata: {name: w}\nspec:\n  url: " + url + "\n"
}

func celTelemetry(override string) string {
	return "apiVersion: telemetry.istio.io/v1\nkind: Telemetry\nmetadata: {name: t}\nspec:\n  metrics:\n  - overrides:\n    - tagOverrides:\n        x: " + override + "\n"
}

func celEnvoyFilter(match string) string {
	return "apiVersion: networking.istio.io/v1alpha3\nkind: EnvoyFilter\nmetadata: {name: e}\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n      " + match + "\n    patch: {operation: MERGE}\n"
}

// thing is a registry with one kind, example.com/v1 Thing, whose spec has
// the given schema (JSON).
func celThing(t testing.TB, spec string) (*Registry, GVK) {
	t.Helper()
	s := &Schema{}
	if err := json.Unmarshal([]byte(`{"type":"object","properties":{"spec":`+spec+`}}`), s); err != nil {
		t.Fatal(err)
	}
	g := GVK{"example.com", "v1", "Thing"}
	r := NewRegistry()
	r.AddUser(&Entry{GVK: g, Schema: s, Served: true})
	return r, g
}

func checkCELThing(t *testing.T, schema, spec string) ([]CELViolation, CELStats) {
	t.Helper()
	reg, g := celThing(t, schema)
	_, obj := celLoad(t, "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: x}\nspec:\n  "+strings.ReplaceAll(spec, "\n", "\n  ")+"\n")
	got, stats, err := reg.CheckCEL(g, obj)
	if err != nil {
		t.Fatal(err)
	}
	return got, stats
}

// TestCELSemantics covers what the API server does around a rule: typing,
// defaults, nulls, escaping, messages, fieldPath.
func TestCELSemantics(t *testing.T) {
	tests := []struct {
		name, schema, spec string
		want               []celWant
	}{
		{"messageExpression",
			`{"type":"array","items":{"type":"string"},"x-kubernetes-validations":[{"rule":"self.size() <= 2","message":"static","messageExpression":"'has ' + string(self.size()) + ' items, at most 2'"}]}`,
			"[a, b, c]", []celWant{{"spec", `^has 3 items, at most 2$`}}},
		{"messageExpression failing falls back to message",
			`{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-validations":[{"rule":"has(self.a)","message":"a is required","messageExpression":"self.b"}]}`,
			"{}", []celWant{{"spec", `^a is required$`}}},
		{"no message",
			`{"type":"integer","x-kubernetes-validations":[{"rule":"self % 2 == 0"}]}`,
			"3", []celWant{{"spec", `^failed rule: self % 2 == 0$`}}},
		{"fieldPath",
			`{"type":"object","properties":{"m":{"type":"object","additionalProperties":{"type":"string"}}},"x-kubernetes-validations":[{"rule":"!('a.b' in self.m)","message":"no a.b","fieldPath":".m['a.b']"}]}`,
			"m: {a.b: x}", []celWant{{`spec.m["a.b"]`, `^no a.b$`}}},
		{"no such key is an error, as in the API server",
			`{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-validations":[{"rule":"self.a == 'x'"}]}`,
			"{}", []celWant{{"spec", `^no such key: a evaluating rule: self.a == 'x'$`}}},
		{"defaults are applied",
			`{"type":"object","properties":{"mode":{"type":"string","default":"A"},"n":{"type":"integer","default":3}},"x-kubernetes-validations":[{"rule":"self.mode == 'A' && self.n == 3"}]}`,
			"{}", nil},
		{"null is absent",
			`{"type":"object","properties":{"a":{"type":"string","nullable":true},"b":{"type":"string"}},"x-kubernetes-validations":[{"rule":"!has(self.a) && !has(self.b)"}]}`,
			"{a: null, b: null}", nil},
		{"unknown fields are pruned",
			`{"type":"object","properties":{"a":{"type":"string"}},"x-kubernetes-validations":[{"rule":"self.size() == 1"}]}`,
			"{a: x, extra: y}", nil},
		{"escaped names",
			`{"type":"object","properties":{"max-count":{"type":"integer"},"if":{"type":"boolean"}},"x-kubernetes-validations":[{"rule":"self.max__dash__count < 10 && self.__if__"}]}`,
			"{max-count: 20, if: true}", []celWant{{"spec", `^failed rule`}}},
		{"whole floats are integers",
			`{"type":"integer","x-kubernetes-validations":[{"rule":"self == 2"}]}`,
			"2.0", nil},
		{"numbers are doubles",
			`{"type":"number","x-kubernetes-validations":[{"rule":"self > 1.5"}]}`,
			"2", nil},
		{"rules on items and map values",
			`{"type":"object","properties":{"l":{"type":"array","items":{"type":"string","x-kubernetes-validations":[{"rule":"self != 'bad'"}]}},"m":{"type":"object","additionalProperties":{"type":"integer","x-kubernetes-validations":[{"rule":"self > 0"}]}}}}`,
			"l: [ok, bad]\nm: {a: 1, b: 0}", []celWant{{"spec.l[1]", `failed rule`}, {"spec.m.b", `failed rule`}}},
		{"allOf rules apply",
			`{"type":"string","allOf":[{"x-kubernetes-validations":[{"rule":"self.startsWith('a')"}]}]}`,
			"bcd", []celWant{{"spec", `failed rule: self.startsWith\('a'\)`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stats := checkCELThing(t, tt.schema, tt.spec)
			checkCELViolations(t, got, tt.want)
			if len(stats.Unsupported) > 0 {
				t.Errorf("unsupported: %v", stats.Reasons)
			}
		})
	}
}

// TestCELRoot checks what self is at the root of a resource: the schema's
// fields plus apiVersion, kind and metadata name and generateName only.
func TestCELRoot(t *testing.T) {
	s := &Schema{Type: "object", Validations: []ValidationRule{
		{Rule: "self.kind == 'Thing' && self.apiVersion == 'example.com/v1' && self.metadata.name == 'x'"},
		{Rule: "!has(self.metadata.namespace) && !has(self.metadata.labels)"},
		{Rule: "self.metadata.name.size() > 5", Message: "name too short"},
	}}
	g := GVK{"example.com", "v1", "Thing"}
	reg := NewRegistry()
	reg.AddUser(&Entry{GVK: g, Schema: s})
	_, obj := celLoad(t, "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: x, namespace: n, labels: {a: b}}\n")
	got, stats, err := reg.CheckCEL(g, obj)
	if err != nil {
		t.Fatal(err)
	}
	checkCELViolations(t, got, []celWant{{"", "^name too short$"}})
	if stats.Evaluated != 3 || stats.Failed != 1 {
		t.Errorf("stats %+v", stats)
	}
}

// TestCELStats checks the rules that reach no verdict: transition rules,
// unsupported functions, values of the wrong type.
func TestCELStats(t *testing.T) {
	tests := []struct {
		name, schema, spec string
		unsupported        string // rule text expected in Unsupported
		reason             string // regexp on its reason
		transition         int
		skipped            int
	}{
		{"transition rule", `{"type":"string","x-kubernetes-validations":[{"rule":"self == oldSelf","message":"immutable"}]}`,
			"a", "", "", 1, 0},
		{"unknown function", `{"type":"string","x-kubernetes-validations":[{"rule":"foo(self)"}]}`,
			"a", "foo(self)", "undeclared reference to 'foo'", 0, 0},
		{"quantity is not implemented", `{"type":"string","x-kubernetes-validations":[{"rule":"quantity(self).isGreaterThan(quantity('1Gi'))"}]}`,
			"2Gi", "quantity(self).isGreaterThan(quantity('1Gi'))", "undeclared reference to 'quantity'", 0, 0},
		{"overload missing at run time", `{"x-kubernetes-int-or-string":true,"x-kubernetes-validations":[{"rule":"self > 0"}]}`,
			"http", "self > 0", "no such overload", 0, 0},
		{"wrong type is left to the schema validator", `{"type":"integer","x-kubernetes-validations":[{"rule":"self > 0"}]}`,
			"'80'", "", "", 0, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, stats := checkCELThing(t, tt.schema, tt.spec)
			if len(got) > 0 {
				t.Errorf("violations: %+v", got)
			}
			if stats.Transition != tt.transition || stats.Skipped != tt.skipped || stats.Evaluated != 0 {
				t.Errorf("stats %+v", stats)
			}
			if tt.unsupported == "" {
				if len(stats.Unsupported) > 0 {
					t.Errorf("unsupported: %v", stats.Reasons)
				}
				return
			}
			if stats.Unsupported[tt.unsupported] != 1 || !regexp.MustCompile(tt.reason).MatchString(stats.Reasons[tt.unsupported]) {
				t.Errorf("unsupported %v, reasons %v", stats.Unsupported, stats.Reasons)
			}
		})
	}
}

// TestCELCostLimits checks that hostile input stops: a rule over a huge
// list hits the per-call limit, many rules the per-object budget. Either
// way the API server rejects the object, and the check stops.
func TestCELCostLimits(t *testing.T) {
	items := strings.Repeat("a,", 3000)
	got, stats := checkCELThing(t,
		`{"type":"object","properties":{"l":{"type":"array","items":{"type":"string"},"x-kubernetes-validations":[{"rule":"self.all(a, self.all(b, a == b))"},{"rule":"false"}]}}}`,
		"l: ["+items+"]")
	checkCELViolations(t, got, []celWant{{"spec.l", `call cost exceeds limit for rule: self.all`}})
	if stats.Evaluated != 1 {
		t.Errorf("the check did not stop at the limit: %+v", stats)
	}

	// The object's budget, made small here: 10 lists costing about 2,000
	// each exceed 10,000.
	reg, g := celThing(t, `{"type":"array","items":{"type":"array","items":{"type":"integer"},"x-kubernetes-validations":[{"rule":"self.all(a, self.all(b, a == b))"}]}}`)
	e, _, _ := reg.Lookup(g)
	_, obj := celLoad(t, "apiVersion: example.com/v1\nkind: Thing\nmetadata: {name: x}\nspec: ["+strings.Repeat("["+strings.Repeat("1,", 30)+"],", 10)+"]\n")
	c := &celRun{budget: 10_000}
	c.walk(e.Schema, e.Schema, obj, true)
	if len(c.violations) != 1 || !strings.Contains(c.violations[0].Message, "running out of cost budget") || c.stats.Evaluated > 6 {
		t.Errorf("got %+v, stats %+v", c.violations, c.stats)
	}
}

// celRuleCount tallies the rules of some schemas by what becomes of them.
type celRuleCount struct{ total, compiled, unsupported, transition int }

// countCELRules compiles every rule of s with the type its node gives self.
func countCELRules(t *testing.T, name string, s *Schema, n *celRuleCount) {
	if s == nil {
		return
	}
	for _, r := range s.Validations {
		n.total++
		switch p := compileRule(celType(s), r); {
		case p.err != nil:
			n.unsupported++
			t.Logf("%s: %q: %v", name, r.Rule, p.err)
		case p.transition:
			n.compiled++
			n.transition++
		default:
			n.compiled++
		}
	}
	for _, sub := range s.Properties {
		countCELRules(t, name, sub, n)
	}
	for _, sub := range s.AllOf {
		countCELRules(t, name, sub, n)
	}
	countCELRules(t, name, s.Items, n)
	if s.AdditionalProperties != nil {
		countCELRules(t, name, s.AdditionalProperties.Schema, n)
	}
}

// TestCELRuleInventory compiles every rule of Istio's stored versions and,
// once generated, of every embedded schema: all must compile with the
// functions meshlint has.
func TestCELRuleInventory(t *testing.T) {
	crds, err := celIstioBundle()
	if err != nil {
		t.Skipf("no Istio CRD bundle: %v", err)
	}
	var n celRuleCount
	for _, c := range crds {
		if c.Storage {
			countCELRules(t, c.Kind, c.Schema, &n)
		}
	}
	t.Logf("Istio stored versions: %+v", n)
	if n.total < 150 || n.unsupported > 0 {
		t.Errorf("Istio stored versions: %+v", n)
	}

	n = celRuleCount{}
	err = fs.WalkDir(data, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") {
			return err
		}
		raw, err := data.ReadFile(p)
		if err != nil {
			return err
		}
		var f entryFile
		if err := json.Unmarshal(raw, &f); err != nil {
			return fmt.Errorf("%s: %v", p, err)
		}
		countCELRules(t, p, f.Schema, &n)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("embedded schemas, all versions: %+v", n)
	if n.unsupported > 0 {
		t.Errorf("embedded schemas: %+v", n)
	}
}

// TestCELConformanceData runs the check over every document of the
// istioctl analyze test data: no error, no panic, no unsupported rule.
func TestCELConformanceData(t *testing.T) {
	dir := filepath.Join("..", "..", "shared", "conformance", "istioctl-analyze", "testdata")
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("no conformance data: %v", err)
	}
	reg := celRegistry(t)
	var total CELStats
	resources, violations := 0, 0
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !source.IsManifestFile(p) {
			return err
		}
		content, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		g := graph.Load([]source.Source{{Path: p, Content: content}}, graph.DefaultOptions())
		for _, r := range g.Resources {
			got, stats, err := reg.CheckCEL(GVK{r.Group, r.Version, r.Kind}, r.Object)
			if err != nil {
				t.Errorf("%s: %s: %v", p, r, err)
			}
			for _, v := range got {
				t.Logf("%s: %s: %s: %s", p, r, v.Path, v.Message)
			}
			resources, violations = resources+1, violations+len(got)
			total.Add(stats)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d resources, %d violations, stats %+v", resources, violations, total)
	if len(total.Unsupported) > 0 {
		t.Errorf("unsupported rules: %v", total.Reasons)
	}
}

// celSmallFile is a pre-commit sized input: a VirtualService and a
// DestinationRule with the fields Istio's rules sit on.
const celSmallFile = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: reviews}
spec:
  hosts: [reviews]
  http:
  - match: [{headers: {end-user: {exact: jason}}}]
    route: [{destination: {host: reviews, subset: v2}}]
    timeout: 2s
    retries: {attempts: 3, perTryTimeout: 500ms}
  - route: [{destination: {host: reviews, subset: v1}}]
    fault: {delay: {percentage: {value: 10}, fixedDelay: 5s}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: reviews}
spec:
  host: reviews
  trafficPolicy:
    connectionPool: {tcp: {connectTimeout: 30ms}, http: {idleTimeout: 1h}}
    outlierDetection: {interval: 10s, baseEjectionTime: 30s}
  subsets:
  - {name: v1, labels: {version: v1}}
  - {name: v2, labels: {version: v2}, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}}
`

func benchmarkCELSmallFile(b *testing.B, cold bool) {
	reg := celRegistry(b)
	g := graph.Load([]source.Source{{Path: "small.yaml", Content: []byte(celSmallFile)}}, graph.DefaultOptions())
	for b.Loop() {
		if cold {
			celPrograms.Clear()
			celEnvs.Clear()
		}
		for _, r := range g.Resources {
			if v, _, err := reg.CheckCEL(GVK{r.Group, r.Version, r.Kind}, r.Object); err != nil || len(v) > 0 {
				b.Fatal(v, err)
			}
		}
	}
}

// BenchmarkCELSmallFile is the steady cost (rules compiled); ...Cold
// includes compiling the rules of both kinds, as the first run of a
// process pays.
func BenchmarkCELSmallFile(b *testing.B)     { benchmarkCELSmallFile(b, false) }
func BenchmarkCELSmallFileCold(b *testing.B) { benchmarkCELSmallFile(b, true) }

// BenchmarkCELBaseEnv is the once-per-process cost of the environment.
func BenchmarkCELBaseEnv(b *testing.B) {
	for b.Loop() {
		if _, err := newCELBaseEnv(); err != nil {
			b.Fatal(err)
		}
	}
}

func TestJoinFieldPath(t *testing.T) {
	for fieldPath, want := range map[string]string{
		"":                 "spec",
		".a.b":             "spec.a.b",
		".m['a.b'].c":      `spec.m["a.b"].c`,
		`.m['it\'s']`:      "spec.m.it's",
		".l[2].name":       "spec.l[2].name",
		"a":                "spec", // not a JSONPath: ignored
		".m['unterminated": "spec",
		".l[x]":            "spec",
		".":                "spec",
	} {
		if got := joinFieldPath("spec", fieldPath); got != want {
			t.Errorf("joinFieldPath(spec, %q) = %q, want %q", fieldPath, got, want)
		}
	}
}

// TestCELViolationFields checks what a violation carries besides its
// message: the node's type and value (the fieldPath's value when there is
// one), and the reason of a rule's verdict only.
func TestCELViolationFields(t *testing.T) {
	got, _ := checkCELThing(t,
		`{"type":"object","properties":{"a":{"type":"string"},"c":{"type":"string"}},"x-kubernetes-validations":[{"rule":"has(self.a)","reason":"FieldValueRequired","fieldPath":".a","message":"a is required"},{"rule":"self.b == 1","reason":"FieldValueForbidden"},{"rule":"self.c == 'y'","fieldPath":".c","message":"c must be y"}]}`,
		`{"c": "x"}`)
	want := []CELViolation{
		{Path: "spec.a", Type: "object", Reason: "FieldValueRequired", Message: "a is required", Rule: "has(self.a)"},
		{Path: "spec", Type: "object", Value: map[string]any{"c": "x"}, HasValue: true, Message: "no such key: b evaluating rule: self.b == 1", Rule: "self.b == 1"},
		{Path: "spec.c", Type: "object", Value: "x", HasValue: true, Message: "c must be y", Rule: "self.c == 'y'"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v\nwant %+v", got, want)
	}
}

// BenchmarkCELAuthorizationPolicy is the steady cost of the CEL rules of
// one AuthorizationPolicy, the kind whose schema declares the most
// properties of those a mesh has many of.
func BenchmarkCELAuthorizationPolicy(b *testing.B) {
	reg := celRegistry(b)
	const ap = `apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: reviews, namespace: bookinfo}
spec:
  selector: {matchLabels: {app: reviews}}
  action: ALLOW
  rules:
  - from:
    - source: {principals: [cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account]}
    - source: {namespaces: [bookinfo]}
    to:
    - operation: {methods: [GET, POST], paths: [/api/*, /healthz]}
`
	g := graph.Load([]source.Source{{Path: "ap.yaml", Content: []byte(ap)}}, graph.DefaultOptions())
	r := g.Resources[0]
	b.ReportAllocs()
	for b.Loop() {
		if v, _, err := reg.CheckCEL(GVK{r.Group, r.Version, r.Kind}, r.Object); err != nil || len(v) > 0 {
			b.Fatal(v, err)
		}
	}
}
