package references_test

import (
	"context"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/references"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// A finding that relates to an implied resource points into no file and
// says what the resource is, rather than "defined here".
func TestImpliedRelatedLocation(t *testing.T) {
	src := source.Source{Path: "vs.yaml", Content: []byte("apiVersion: networking.istio.io/v1\nkind: VirtualService\n" +
		"metadata: {name: cp, namespace: edge}\nspec:\n  hosts: [cp.example]\n  http:\n" +
		"  - route:\n    - destination: {host: istiod.istio-system.svc.cluster.local, port: {number: 15017}}\n")}
	findings, err := analyzers.Run(context.Background(), graph.Load([]source.Source{src}, graph.DefaultOptions()),
		[]*analyzers.Rule{references.VirtualServiceHostNotFound})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 1 || len(findings[0].Related) != 1 {
		t.Fatalf("findings %v; want one with one related location", findings)
	}
	rel := findings[0].Related[0]
	want := "implied: Service istio-system/istiod, created by every Istio install"
	if rel.Location != (graph.Location{}) || rel.Message != want {
		t.Errorf("related %+v; want no location and %q", rel, want)
	}
}
