package kustomize

import (
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

func render(t *testing.T, dir string) source.Source {
	t.Helper()
	src, err := Render(dir)
	if err != nil {
		t.Fatal(err)
	}
	return src
}

// docIndex finds the output document of a kind.
func docIndex(t *testing.T, src source.Source, kind string) int {
	t.Helper()
	for i, doc := range strings.Split(string(src.Content), "---\n")[1:] {
		if strings.Contains(doc, "kind: "+kind+"\n") {
			return i
		}
	}
	t.Fatalf("no %s in %s", kind, src.Content)
	return -1
}

func TestRenderPlacesFields(t *testing.T) {
	src := render(t, "testdata/overlay")
	if src.Path != "testdata/overlay/kustomization.yaml" {
		t.Errorf("Path = %q", src.Path)
	}
	if strings.Contains(string(src.Content), originAnnotation) || strings.Contains(string(src.Content), "annotations") {
		t.Errorf("the origin annotation is left in the output:\n%s", src.Content)
	}
	svc, vs := docIndex(t, src, "Service"), docIndex(t, src, "VirtualService")
	for _, c := range []struct {
		doc       int
		path      string
		key       bool
		file      string
		line, col int
	}{
		{svc, "metadata.name", false, "testdata/base/reviews.yaml", 4, 9},                               // renamed by namePrefix: where it is written
		{svc, "spec.ports[0].port", false, "testdata/base/reviews.yaml", 10, 11},                        // untouched
		{svc, "metadata.namespace", false, "testdata/overlay/kustomization.yaml", 4, 1},                 // set by namespace:
		{vs, "spec.http[0].route[0].destination.subset", false, "testdata/overlay/routes.yaml", 10, 17}, // strategic merge
		{vs, "spec.http[0].route[0].destination.weight", false, "testdata/overlay/routes.yaml", 9, 9},   // missing: its parent
		{vs, "spec.http[0].retries.attempts", false, "testdata/overlay/retries.yaml", 4, 15},            // JSON 6902 file
		{vs, "spec.http[0].retries", true, "testdata/overlay/retries.yaml", 3, 3},
		{vs, "spec.http[0].timeout", false, "testdata/overlay/kustomization.yaml", 14, 14}, // inline JSON 6902
		{vs, "spec.hosts[0]", false, "testdata/base/reviews.yaml", 18, 5},
		{vs, "", false, "testdata/base/reviews.yaml", 12, 1},
	} {
		p, ok := src.Origins.Place(c.doc, c.path, c.key)
		if !ok || p.File != c.file || p.Line != c.line || p.Column != c.col {
			t.Errorf("Place(%d, %q, %v) = %s:%d:%d (%v), want %s:%d:%d", c.doc, c.path, c.key, p.File, p.Line, p.Column, ok, c.file, c.line, c.col)
		}
	}
}

func TestRenderRefuses(t *testing.T) {
	for dir, want := range map[string]string{
		"testdata/remote":    "testdata/remote/kustomization.yaml:3: resources entry \"github.com/example/mesh//base?ref=v1\" is remote",
		"testdata/missing":   "testdata/missing/kustomization.yaml:4: patches entry \"nowhere.yaml\"",
		"testdata/empty":     "-k testdata/empty: no kustomization in the directory",
		"testdata/generator": "testdata/generator/kustomization.yaml:4: configMapGenerator file \"policy.rego\"",
		"testdata/none":      "-k testdata/none: not a directory",
	} {
		_, err := Render(dir)
		if err == nil || !strings.HasPrefix(err.Error(), want) {
			t.Errorf("Render(%s) = %v, want an error starting %q", dir, err, want)
		}
	}
}
