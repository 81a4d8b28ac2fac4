package schemas

import (
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sync/atomic"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/mutate"
)

// TestFastCheckAgreesWithLibrary runs both validators on every document of
// the fixtures, the examples and istioctl's test data: the fast check may
// never accept what the library rejects (nor reject what it accepts, which
// would only cost time, but would be a bug all the same).
func TestFastCheckAgreesWithLibrary(t *testing.T) {
	reg := Default()
	if _, ok, _ := reg.Lookup(GVK{"networking.istio.io", "v1", "VirtualService"}); !ok {
		t.Skip("no embedded schemas: run go generate ./schemas")
	}
	var files []string
	for _, dir := range []string{"../testdata", "../examples", "../../shared/conformance/istioctl-analyze/testdata"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && source.IsManifestFile(p) {
				files = append(files, p)
			}
			return nil
		})
	}
	checked, rejected := 0, 0
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
			c, err := reg.compile(e)
			if err != nil {
				t.Fatalf("%s: %v", e.GVK, err)
			}
			if c.fast == nil {
				t.Fatalf("%s: the fast check does not compile: every object goes to the library", e.GVK)
			}
			inst := instance(e.Schema, r.Object, true)
			library, err := c.library()
			if err != nil {
				t.Fatalf("%s: %v", e.GVK, err)
			}
			for i, v := range append([]any{inst}, mutate.Variants(inst, rng, 8)...) {
				fast, lib := c.fast.valid(v), library.Validate(v) == nil
				if fast != lib {
					t.Errorf("%s: %s (mutation %d): fast check says valid=%v, library valid=%v", file, r, i, fast, lib)
				}
				checked++
				if !lib {
					rejected++
				}
			}
		}
	}
	t.Logf("%d objects compared, %d invalid", checked, rejected)
	if checked < 1000 || rejected < 500 {
		t.Errorf("only %d objects (%d invalid) compared: the test data is not where expected", checked, rejected)
	}
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
