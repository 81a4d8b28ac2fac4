package schemas

import (
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"sync/atomic"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/mutate"
)

// TestValidatorAgreesWithLibrary runs meshlint's validator and the JSON
// Schema library (oracle_test.go) on every document of the fixtures, the
// examples and istioctl's test data, and on mutations of each: the fast
// check must answer as the library does, and the violations of a rejected
// object must be the same (paths, kinds, messages, suggestions).
func TestValidatorAgreesWithLibrary(t *testing.T) {
	reg := Default()
	if _, ok, _ := reg.Lookup(GVK{"networking.istio.io", "v1", "VirtualService"}); !ok {
		t.Skip("no embedded schemas: run go generate ./schemas")
	}
	var files []string
	for _, dir := range []string{"../testdata", "../examples", "../cmd/meshlint/testdata", "../analyzers", "../../shared/conformance/istioctl-analyze/testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && source.IsManifestFile(p) {
				files = append(files, p)
			}
			return nil
		})
	}
	var n agreement
	rng := rand.New(rand.NewPCG(1, 2)) // fixed: the same mutations every run
	for _, file := range files {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		g := graph.Load([]source.Source{{Path: file, Content: content}}, graph.DefaultOptions())
		for _, r := range g.Resources {
			e, ok, err := reg.Lookup(GVK{r.Group, r.Version, r.Kind})
			if err != nil || !ok {
				continue
			}
			inst := instance(e.Schema, r.Object, true)
			for i, v := range append([]any{inst}, mutate.Variants(inst, rng, 8)...) {
				n.compare(t, reg, e, v, fmt.Sprintf("%s: %s (mutation %d)", file, r, i))
			}
		}
	}
	t.Logf("%d objects compared, %d invalid, %d violations", n.checked, n.rejected, n.violations)
	if n.checked < 1000 || n.rejected < 500 {
		t.Errorf("only %d objects (%d invalid) compared: the test data is not where expected", n.checked, n.rejected)
	}
}

// agreement counts what compare compared.
type agreement struct{ checked, rejected, violations int }

// compare validates v against e with the check and its explaining walk,
// and with the library, and reports where they differ.
func (n *agreement) compare(t *testing.T, reg *Registry, e *Entry, v any, what string) {
	t.Helper()
	c, err := reg.compile(e)
	if err != nil {
		t.Fatalf("%s: %v", e.GVK, err)
	}
	library, err := libraryFor(e)
	if err != nil {
		t.Fatalf("%s: %v", e.GVK, err)
	}
	want, panicked, wantErr := library.violations(v)
	if panicked {
		return // the library cannot say
	}
	got, err := c.validate(v)
	if err != nil || wantErr != nil {
		t.Fatalf("%s: validator error %v, library error %v", what, err, wantErr)
	}
	if fast, lib := c.fast.valid(v), library.Validate(v) == nil; fast != lib {
		t.Errorf("%s: fast check says valid=%v, library valid=%v", what, fast, lib)
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s:\n got %+v\nwant %+v", what, got, want)
	}
	n.checked++
	if library.Validate(v) != nil {
		n.rejected++
	}
	n.violations += len(got)
}

// TestFastCheckConvertsOnFirstUse: a subschema no object reaches is never
// converted, and one that turns out not to compile makes every answer of
// the check "ask the library" rather than a guess.
func TestFastCheckConvertsOnFirstUse(t *testing.T) {
	s := &Schema{Type: "object", Properties: map[string]*Schema{
		"spec":   {Type: "object", Properties: map[string]*Schema{"port": {Type: "integer"}}},
		"status": {Type: "object", Properties: map[string]*Schema{"ready": {Type: "boolean"}}},
	}}
	c := fastCheck(s)
	if c == nil {
		t.Fatal("no fast check")
	}
	if !c.valid(map[string]any{"spec": map[string]any{"port": int64(80)}}) || c.valid(map[string]any{"spec": map[string]any{"port": "x"}}) {
		t.Error("the spec is not checked")
	}
	if c.props["status"].types != 0 || c.props["spec"].props["port"].types == 0 {
		t.Error("status, which no object had, was converted; or spec.port, which one had, was not")
	}
	bad := &check{pending: &lazyNode{s: &Schema{Pattern: "("}}, broken: new(atomic.Bool)}
	if bad.valid("x") || !bad.broken.Load() {
		t.Error("a node that does not compile did not stop the check from answering")
	}
	if fastCheck(&Schema{Type: "object", Properties: map[string]*Schema{"a": {Pattern: "(["}}}) != nil {
		t.Error("a schema with a pattern that does not parse has a fast check")
	}
}
