package graph

import (
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// A FileCache gives the graph Load gives, parses a file again only when
// it changed, and keeps no file it was not given.
func TestFileCache(t *testing.T) {
	vs := func(subset string) []byte {
		return []byte("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: r\nspec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: " + subset + "}\n")
	}
	dr := []byte("apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: r\nspec:\n  host: r\n  subsets:\n  - name: v1\n")
	srcs := []source.Source{{Path: "dr.yaml", Content: dr}, {Path: "vs.yaml", Content: vs("v1")}}
	var c FileCache
	g1 := c.Load(srcs, DefaultOptions())
	srcs[1].Content = vs("v2")
	g2 := c.Load(srcs, DefaultOptions())
	if g1.Files[0] != g2.Files[0] {
		t.Error("the unchanged file was parsed again")
	}
	if g1.Files[1] == g2.Files[1] {
		t.Fatal("the changed file was not parsed again")
	}
	want := Load(srcs, DefaultOptions())
	if len(g2.Resources) != len(want.Resources) || len(g2.Resources) != 2 {
		t.Fatalf("resources: %d, Load gives %d", len(g2.Resources), len(want.Resources))
	}
	route := g2.Resources[1]
	if route.Doc.Location("spec.http[0].route[0].destination.subset") != want.Resources[1].Doc.Location("spec.http[0].route[0].destination.subset") {
		t.Error("positions differ from Load's")
	}
	srcs[0].Found = true // read differently: parsed again
	if g3 := c.Load(srcs[:1], DefaultOptions()); g3.Files[0] == g2.Files[0] || len(c.files) != 1 {
		t.Errorf("a source read with other flags was reused, or a dropped file kept (%d cached)", len(c.files))
	}
}
