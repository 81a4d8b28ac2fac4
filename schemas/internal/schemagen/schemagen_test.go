package schemagen

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/schemas"
)

func decode(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func encode(t *testing.T, v any) string {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// A small OpenAPI document with the idioms the converter must handle.
const testDefs = `{
 "T": {"type": "object", "x-kubernetes-group-version-kind": [{"group": "g", "version": "v1", "kind": "T"}],
       "properties": {
         "port":  {"allOf": [{"$ref": "#/components/schemas/IntOrString"}], "default": {}, "description": "d"},
         "raw":   {"$ref": "#/components/schemas/Raw"},
         "any":   {"$ref": "#/components/schemas/JSON"},
         "self":  {"$ref": "#/components/schemas/Props"},
         "description": {"type": "string", "default": "", "description": "a property named description"}}},
 "IntOrString": {"format": "int-or-string", "oneOf": [{"type": "integer"}, {"type": "string"}]},
 "Raw":   {"type": "object", "description": "RawExtension"},
 "JSON":  {"description": "any JSON"},
 "Props": {"type": "object", "properties": {"items": {"$ref": "#/components/schemas/Props"}}}
}`

func TestResolveAndStrip(t *testing.T) {
	var defs map[string]map[string]any
	if err := json.Unmarshal([]byte(testDefs), &defs); err != nil {
		t.Fatal(err)
	}
	name, err := findKind(defs, schemas.GVK{Group: "g", Version: "v1", Kind: "T"})
	if err != nil {
		t.Fatal(err)
	}
	r := &resolver{defs: defs, inUse: map[string]bool{}}
	raw, err := r.ref(refPrefix+name, "T")
	if err != nil {
		t.Fatal(err)
	}
	s, err := toSchema(raw, "T")
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"port":        `{"x-kubernetes-int-or-string":true}`,
		"raw":         `{"type":"object","x-kubernetes-preserve-unknown-fields":true}`,
		"any":         `{"x-kubernetes-preserve-unknown-fields":true}`,
		"self":        `{"type":"object","properties":{"items":{"type":"object","x-kubernetes-preserve-unknown-fields":true}}}`,
		"description": `{"type":"string"}`,
	}
	for prop, w := range want {
		if got := encode(t, s.Properties[prop]); got != w {
			t.Errorf("%s = %s, want %s", prop, got, w)
		}
	}
}

func TestStripRejectsUnknownKeyword(t *testing.T) {
	raw := decode(t, `{"type": "object", "properties": {"a": {"type": "string", "uniqueItems": true}}}`)
	_, err := toSchema(raw, "X")
	if err == nil || !strings.Contains(err.Error(), `"uniqueItems"`) {
		t.Errorf("err = %v, want one naming uniqueItems", err)
	}
}

func TestCheckDownload(t *testing.T) {
	zip := filepath.Join(t.TempDir(), "m.zip")
	if err := os.WriteFile(zip, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		info        downloadInfo
		ok, offline bool
	}{
		{downloadInfo{Zip: zip}, true, false},
		{downloadInfo{Zip: zip, Error: "m@v1.7.0 requires go >= 1.27.0 (running go 1.26.8)"}, true, false},
		{downloadInfo{Error: "m@v9.9.9: reading https://proxy.golang.org/...: 404 Not Found: unknown revision v9.9.9"}, false, false},
		{downloadInfo{Error: "m@v1.0.0: Get https://proxy.golang.org/...: dial tcp: lookup proxy.golang.org: no such host"}, false, true},
	} {
		err := checkDownload("m@v", &c.info)
		if (err == nil) != c.ok || errors.Is(err, ErrSourceUnavailable) != c.offline {
			t.Errorf("checkDownload(%+v) = %v; want ok %v, offline %v", c.info, err, c.ok, c.offline)
		}
	}
}

func TestRemoveStale(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"data/README.md", "data/g/v1/Keep.json", "data/g/v1/Old.json", "data/old/v1/Gone.json"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("{}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := removeStale(dir, map[string][]byte{"data/g/v1/Keep.json": nil}); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]bool{
		"data/README.md": true, "data/g/v1/Keep.json": true, "data/g/v1/Old.json": false, "data/old": false,
	} {
		_, err := os.Stat(filepath.Join(dir, filepath.FromSlash(name)))
		if got := err == nil; got != want {
			t.Errorf("%s exists = %v, want %v", name, got, want)
		}
	}
}

// A small Go OpenAPI definitions file in the layout openapi-gen writes.
const testGoDefs = `package openapi

import (
	corev1 "k8s.io/api/core/v1"
	v1 "k8s.io/api/admissionregistration/v1"
)

func GetOpenAPIDefinitions(ref common.ReferenceCallback) map[string]common.OpenAPIDefinition {
	return map[string]common.OpenAPIDefinition{
		corev1.ServicePort{}.OpenAPIModelName(): schema_k8sio_api_core_v1_ServicePort(ref),
		v1.Rule{}.OpenAPIModelName():            schema_k8sio_api_admissionregistration_v1_Rule(ref),
	}
}

func schema_k8sio_api_core_v1_ServicePort(ref common.ReferenceCallback) common.OpenAPIDefinition {
	return common.OpenAPIDefinition{
		Schema: spec.Schema{
			SchemaProps: spec.SchemaProps{
				Type: []string{"object"},
				Properties: map[string]spec.Schema{
					"name":     {SchemaProps: spec.SchemaProps{Type: []string{"string"}}},
					"protocol": {SchemaProps: spec.SchemaProps{Type: []string{"string"}, Enum: []interface{}{"UDP", "SCTP", "TCP"}}},
				},
			},
		},
	}
}

func schema_k8sio_api_admissionregistration_v1_Rule(ref common.ReferenceCallback) common.OpenAPIDefinition {
	return common.OpenAPIDefinition{
		Schema: spec.Schema{
			SchemaProps: spec.SchemaProps{
				Properties: map[string]spec.Schema{
					"operations": {SchemaProps: spec.SchemaProps{Type: []string{"array"},
						Items: &spec.SchemaOrArray{Schema: &spec.Schema{SchemaProps: spec.SchemaProps{Type: []string{"string"}, Enum: []interface{}{"CREATE", "*"}}}}}},
				},
			},
		},
	}
}
`

func TestPropertyEnums(t *testing.T) {
	enums, err := propertyEnums([]byte(testGoDefs), "defs.go")
	if err != nil {
		t.Fatal(err)
	}
	want := `{"io.k8s.api.admissionregistration.v1.Rule":{"operations":["*","CREATE"]},"io.k8s.api.core.v1.ServicePort":{"protocol":["SCTP","TCP","UDP"]}}`
	if got := encode(t, enums); got != want {
		t.Fatalf("propertyEnums = %s\nwant %s", got, want)
	}
	defs := map[string]map[string]any{
		"io.k8s.api.core.v1.ServicePort":           decode(t, `{"properties": {"protocol": {"type": "string"}, "name": {"type": "string"}}}`),
		"io.k8s.api.admissionregistration.v1.Rule": decode(t, `{"properties": {"operations": {"type": "array", "items": {"type": "string"}}}}`),
	}
	addEnums(defs, enums)
	for name, w := range map[string]string{
		"io.k8s.api.core.v1.ServicePort":           `{"name":{"type":"string"},"protocol":{"enum":["","SCTP","TCP","UDP"],"type":"string"}}`,
		"io.k8s.api.admissionregistration.v1.Rule": `{"operations":{"items":{"enum":["","*","CREATE"],"type":"string"},"type":"array"}}`,
	} {
		if got := encode(t, defs[name]["properties"]); got != w {
			t.Errorf("%s properties = %s\nwant %s", name, got, w)
		}
	}
}
