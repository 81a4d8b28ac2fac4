package schemas_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/schemas"
)

// istioCRDs is the Istio CRD bundle in the module cache.
func istioCRDs(t *testing.T) string {
	t.Helper()
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Skip("go env GOMODCACHE:", err)
	}
	path := filepath.Join(strings.TrimSpace(string(out)), "istio.io", "api@v1.31.1", "kubernetes", "customresourcedefinitions.gen.yaml")
	if _, err := os.Stat(path); err != nil {
		t.Skip("Istio CRD bundle not in the module cache:", err)
	}
	return path
}

func TestReadCRDsIstioBundle(t *testing.T) {
	bundle := istioCRDs(t)
	crds, err := schemas.ReadCRDs(bundle)
	if err != nil {
		t.Fatal(err)
	}
	entries := crds.Entries
	if len(entries) != 33 {
		t.Errorf("got %d entries from the Istio bundle, want every kind and version (33)", len(entries))
	}
	reg := schemas.NewRegistry()
	for _, e := range entries {
		reg.AddUser(e)
	}
	vs := schemas.GVK{Group: "networking.istio.io", Version: "v1", Kind: "VirtualService"}
	if e, ok, _ := reg.Lookup(vs); !ok || e.Origin != bundle || !e.Served {
		t.Errorf("Lookup(%s) = %+v, %v; want the bundle's served entry", vs, e, ok)
	}
	r := resources(t, "vs.yaml", vsHeader+"spec:\n  hosts: [reviews]\n  http:\n  - route:\n    - destinaton: {host: reviews}\n")[0]
	got, err := reg.Validate(gvkOf(r), r.Object)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].Suggestion != "destination" {
		t.Errorf("got:%s", render(got))
	}
}

const widgetCRD = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: widgets.example.com}
spec:
  group: example.com
  names: {kind: Widget, plural: widgets}
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          metadata:
            type: object
            properties:
              name: {type: string, maxLength: 5}
          spec:
            type: object
            required: [size]
            properties:
              size: {type: integer, minimum: 1}
  - name: v1beta1
    served: true
    deprecated: true
    deprecationWarning: example.com/v1beta1 Widget is deprecated; use example.com/v1
`

func TestParseCRDs(t *testing.T) {
	crds, err := schemas.ParseCRDs("widget.yaml", []byte("---\n# comment only\n---\n"+widgetCRD))
	if err != nil {
		t.Fatal(err)
	}
	entries := crds.Entries
	if len(entries) != 2 || entries[0].GVK.String() != "example.com/v1/Widget" || !entries[1].Deprecated || entries[1].DeprecationWarning == "" {
		t.Fatalf("got %+v %+v", entries[0], entries[1])
	}
	reg := schemas.NewRegistry()
	for _, e := range entries {
		reg.AddUser(e)
	}
	// The CRD's metadata constraints apply; its metadata stays open.
	r := resources(t, "w.yaml", "apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: widget, labels: {a: b}}\nspec: {size: 0, colour: red}\n")[0]
	got, err := reg.Validate(gvkOf(r), r.Object)
	if err != nil {
		t.Fatal(err)
	}
	want := []schemas.Violation{{Path: "metadata.name", Kind: schemas.Length}, {Path: "spec.colour", Kind: schemas.UnknownField}, {Path: "spec.size", Kind: schemas.Range}}
	if !matchViolations(got, want) {
		t.Errorf("got:%s\nwant:%s", render(got), render(want))
	}
	// The version without a schema accepts any object.
	r.Object["apiVersion"] = "example.com/v1beta1"
	if got, err := reg.Validate(schemas.GVK{Group: "example.com", Version: "v1beta1", Kind: "Widget"}, r.Object); err != nil || len(got) != 0 {
		t.Errorf("v1beta1: got %v, %s", err, render(got))
	}
}

func TestParseCRDsErrors(t *testing.T) {
	tests := []struct{ name, content, want string }{
		{"syntax", "apiVersion: apiextensions.k8s.io/v1\nkind: [\n", "bad.yaml:2: did not find expected node content"},
		{"no group", "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nspec: {names: {kind: X}}\n", "bad.yaml:1: CustomResourceDefinition without spec.group"},
		{"bad schema", strings.Replace(widgetCRD, "type: object\n        properties", "type: [object]\n        properties", 1), "bad.yaml:1: version v1: openAPIV3Schema: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := schemas.ParseCRDs("bad.yaml", []byte(tt.content))
			if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
				t.Errorf("got %v, want an error starting %q", err, tt.want)
			}
		})
	}
}

func TestReadCRDsDirectory(t *testing.T) {
	dir := t.TempDir()
	if err := os.MkdirAll(filepath.Join(dir, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "sub", "widget.yaml"), []byte(widgetCRD), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "README.md"), []byte("not a manifest"), 0o644); err != nil {
		t.Fatal(err)
	}
	crds, err := schemas.ReadCRDs(dir)
	if err != nil || len(crds.Entries) != 2 {
		t.Fatalf("got %v, %v", crds, err)
	}
	if _, err := schemas.ReadCRDs(filepath.Join(dir, "missing")); err == nil {
		t.Error("a missing path must be an error")
	}
}

// TestReadCRDsSkipsOtherKinds: a CRD bundle may ship other objects (the
// Gateway API's ValidatingAdmissionPolicy); they are skipped and listed.
// A file with no CRD at all is still an error: the path is likely wrong.
func TestReadCRDsSkipsOtherKinds(t *testing.T) {
	dir := t.TempDir()
	policy := "apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata: {name: safe-upgrades}\n"
	write := func(name, content string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	bundle := write("bundle.yaml", widgetCRD+"---\n"+policy+"---\n- a list\n")
	crds, err := schemas.ReadCRDs(bundle)
	if err != nil || len(crds.Entries) != 2 {
		t.Fatalf("got %v, %v; want the CRD's two versions", crds, err)
	}
	want := []string{
		bundle + `:30: not a CustomResourceDefinition (apiVersion "admissionregistration.k8s.io/v1", kind "ValidatingAdmissionPolicy"); skipped`,
		bundle + ":34: not a CustomResourceDefinition; skipped",
	}
	if !slices.Equal(crds.Skipped, want) {
		t.Errorf("skipped %q; want %q", crds.Skipped, want)
	}
	none := write("policy.yaml", policy)
	if _, err := schemas.ReadCRDs(none); err == nil || err.Error() != none+": holds no CustomResourceDefinition" {
		t.Errorf("a file without CRDs: got %v", err)
	}
}
