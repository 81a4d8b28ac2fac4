package yamldoc

import (
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// fakeOrigins places every field of document 1 in another file.
type fakeOrigins struct{}

func (fakeOrigins) Place(index int, path string, key bool) (source.Place, bool) {
	if index != 1 {
		return source.Place{}, false
	}
	col := 3
	if key {
		col = 1
	}
	return source.Place{File: "base.yaml", Line: len(path), Column: col, EndLine: len(path), EndColumn: col + 1}, true
}

func TestOriginsPlaceRenderedDocuments(t *testing.T) {
	src := source.Source{
		Path:    "overlay/kustomization.yaml",
		Content: []byte("apiVersion: v1\nkind: A\nmetadata: {name: a}\n---\napiVersion: v1\nkind: B\nmetadata: {name: b}\n"),
		Origins: fakeOrigins{},
		Notes:   []source.Note{{Kind: string(ProblemPatchInvalid), Place: source.Place{File: "p.yaml", Line: 2, Column: 5}, Message: "bad"}},
	}
	lf := LoadFile(src, Limits{})
	if len(lf.Documents) != 2 {
		t.Fatalf("%d documents", len(lf.Documents))
	}
	a, b := lf.Documents[0], lf.Documents[1]
	if got := a.Location("kind"); got.File != "overlay/kustomization.yaml" || got.Start.Line != 2 {
		t.Errorf("a document Origins leave alone: %+v", got)
	}
	if got := b.Location("metadata.name"); got.File != "base.yaml" || got.Start != (Position{13, 3}) {
		t.Errorf("Location = %+v", got)
	}
	if got := b.KeyLocation("kind"); got.File != "base.yaml" || got.Start != (Position{4, 1}) {
		t.Errorf("KeyLocation = %+v", got)
	}
	if got := b.Start(); got.File != "base.yaml" || got.Start != (Position{0, 3}) {
		t.Errorf("Start = %+v", got)
	}
	if len(lf.Problems) != 1 || lf.Problems[0].Kind != ProblemPatchInvalid || lf.Problems[0].Location.File != "p.yaml" || lf.Problems[0].Location.Start.Line != 2 {
		t.Errorf("Problems = %+v", lf.Problems)
	}
}

// A kustomization read as PATH is not parsed: a problem says to build it.
func TestKustomizationNotParsed(t *testing.T) {
	lf := LoadFile(source.Source{Path: "deploy/kustomization.yaml", Content: []byte("resources: [a.yaml]\n"), Kustomization: true}, Limits{})
	if len(lf.Documents) != 0 || len(lf.Problems) != 1 || lf.Problems[0].Kind != ProblemKustomization || !lf.HoldsManifest() {
		t.Errorf("documents %d, problems %+v", len(lf.Documents), lf.Problems)
	}
}
