package schemas_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"testing"

	"github.com/meshlint/meshlint/schemas"
	"github.com/meshlint/meshlint/schemas/internal/schemagen"
)

// TestGeneratedUpToDate regenerates the schemas from the pinned sources and
// requires the committed data/ and SOURCES.md to match byte for byte, so
// nobody edits generated files by hand or bumps a pin without regenerating.
func TestGeneratedUpToDate(t *testing.T) {
	if testing.Short() {
		t.Skip("fetches the pinned source modules; skipped with -short")
	}
	dir := t.TempDir()
	if err := schemagen.Generate(dir); err != nil {
		if errors.Is(err, schemagen.ErrSourceUnavailable) {
			t.Skipf("cannot fetch the pinned schema sources through the Go module proxy (offline?), "+
				"so cannot check that schemas/data is up to date: %v", err)
		}
		t.Fatal(err)
	}
	want, got := generatedFiles(t, dir), generatedFiles(t, ".")
	var names []string
	for name := range want {
		names = append(names, name)
	}
	for name := range got {
		if _, ok := want[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	bad := 0
	for _, name := range names {
		w, inWant := want[name]
		g, inGot := got[name]
		switch {
		case !inGot:
			t.Errorf("%s: missing from the committed files", name)
		case !inWant:
			t.Errorf("%s: committed but no longer generated", name)
		case !bytes.Equal(w, g):
			t.Errorf("%s: differs from the generator's output", name)
		default:
			continue
		}
		if bad++; bad == 10 {
			break
		}
	}
	if t.Failed() {
		t.Log("run `go generate ./schemas` and commit schemas/data and schemas/SOURCES.md")
	}
}

// generatedFiles reads what the generator owns under a schemas directory.
func generatedFiles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	read := func(name string) {
		b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		files[name] = b
	}
	read(schemagen.SourcesFile)
	names, err := fs.Glob(os.DirFS(dir), "data/*/*/*.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		read(name)
	}
	return files
}

func TestRegistryLoadsEmbedded(t *testing.T) {
	r := schemas.NewRegistry()
	for _, g := range []schemas.GVK{
		{Group: "networking.istio.io", Version: "v1", Kind: "VirtualService"},
		{Group: "", Version: "v1", Kind: "Service"},
		{Group: "apps", Version: "v1", Kind: "Deployment"},
		{Group: "gateway.networking.k8s.io", Version: "v1", Kind: "HTTPRoute"},
	} {
		e, ok, err := r.Lookup(g)
		if err != nil || !ok {
			t.Errorf("Lookup(%s) = ok %v, err %v; want the embedded schema", g, ok, err)
			continue
		}
		if spec := e.Schema.Properties["spec"]; spec == nil || len(spec.Properties) == 0 {
			t.Errorf("%s: schema has no spec properties", g)
		}
		if !e.Served || e.Origin == "" {
			t.Errorf("%s: served %v, origin %q; want served and an origin", g, e.Served, e.Origin)
		}
	}
	got := schemas.Versions("networking.istio.io", "VirtualService")
	for _, v := range []string{"v1", "v1alpha3", "v1beta1"} {
		if !slices.Contains(got, v) {
			t.Errorf("Versions(networking.istio.io, VirtualService) = %v, want it to include %s", got, v)
		}
	}
}

// TestEmbeddedPathsMatchContents checks every committed file sits where
// EmbeddedPath puts the kind it declares, so Lookup finds all of them.
func TestEmbeddedPathsMatchContents(t *testing.T) {
	names, err := fs.Glob(os.DirFS("."), "data/*/*/*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no embedded schemas found (%v)", err)
	}
	for _, name := range names {
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var head struct{ Group, Version, Kind string }
		if err := json.Unmarshal(b, &head); err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		g := schemas.GVK{Group: head.Group, Version: head.Version, Kind: head.Kind}
		if p := schemas.EmbeddedPath(g); p != name {
			t.Errorf("%s declares %s, whose path is %s", name, g, p)
		}
	}
}

// TestIstioPinMatchesGoMod keeps the schemas' Istio version equal to the
// istio.io/api version meshlint compiles against.
func TestIstioPinMatchesGoMod(t *testing.T) {
	gomod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^\s*` + regexp.QuoteMeta(schemagen.IstioModule) + `\s+(\S+)`).FindSubmatch(gomod)
	if m == nil {
		t.Fatalf("go.mod does not require %s", schemagen.IstioModule)
	}
	if string(m[1]) != schemagen.IstioVersion {
		t.Errorf("go.mod requires %s %s but the schemas are pinned to %s: bump schemagen.IstioVersion and regenerate",
			schemagen.IstioModule, m[1], schemagen.IstioVersion)
	}
}
