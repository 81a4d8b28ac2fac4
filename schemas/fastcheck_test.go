package schemas

import (
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/meshlint/meshlint/graph"
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
			if err == nil && !d.IsDir() && graph.IsManifestFile(p) {
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
		g := graph.Load([]graph.Source{{Path: file, Content: content}}, graph.DefaultOptions())
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
			inst := instance(e.Schema, r.Object)
			library, err := c.library()
			if err != nil {
				t.Fatalf("%s: %v", e.GVK, err)
			}
			for i, v := range append([]any{inst}, mutations(inst, rng)...) {
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

// replacements are the values a mutation puts somewhere: every JSON type,
// out-of-range numbers, enum-like strings.
var replacements = []any{nil, true, "x", "HTTP", "", int64(-1), int64(0), int64(1) << 40, 1.5, []any{}, []any{"a"}, map[string]any{}, map[string]any{"name": "a"}}

// mutations returns copies of v, each with one change at a random place:
// a value replaced, a key removed, or a key added.
func mutations(v any, rng *rand.Rand) []any {
	var out []any
	for range 8 {
		c := deepCopy(v)
		var places []func()
		collectPlaces(c, rng, &places)
		if len(places) > 0 {
			places[rng.IntN(len(places))]()
			out = append(out, c)
		}
	}
	return out
}

// collectPlaces lists the changes possible in v (in a fixed order).
func collectPlaces(v any, rng *rand.Rand, places *[]func()) {
	switch v := v.(type) {
	case map[string]any:
		*places = append(*places, func() { v["zz"+replacements[rng.IntN(3)+2].(string)] = int64(1) })
		for _, k := range slices.Sorted(maps.Keys(v)) {
			*places = append(*places,
				func() { v[k] = replacements[rng.IntN(len(replacements))] },
				func() { delete(v, k) })
			collectPlaces(v[k], rng, places)
		}
	case []any:
		for i := range v {
			*places = append(*places, func() { v[i] = replacements[rng.IntN(len(replacements))] })
			collectPlaces(v[i], rng, places)
		}
	}
}

func deepCopy(v any) any {
	switch v := v.(type) {
	case map[string]any:
		m := make(map[string]any, len(v))
		for k, e := range v {
			m[k] = deepCopy(e)
		}
		return m
	case []any:
		a := make([]any, len(v))
		for i, e := range v {
			a[i] = deepCopy(e)
		}
		return a
	}
	return v
}
