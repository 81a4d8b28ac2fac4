package report

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

// fixedReport is sampleReport with fixes on a finding: a replacement and
// a move made of an insertion and a deletion.
func fixedReport() *analyzers.Report {
	rep := sampleReport()
	f := rep.Findings[1]
	f.Fixes = []analyzers.SuggestedFix{
		{Message: "replace v3 with v2", Edits: []analyzers.TextEdit{{Location: loc("mesh/reviews.yaml", 12, 9, 12, 11), NewText: "v2"}}},
		{Message: "move DestinationRule reviews before VirtualService reviews", Edits: []analyzers.TextEdit{
			{Location: loc("mesh/reviews.yaml", 1, 1, 1, 1), NewText: "kind: DestinationRule\n---\n"},
			{Location: loc("mesh/reviews.yaml", 30, 1, 36, 1)},
		}},
	}
	return rep
}

// TestSARIFFixes: results carry the fixes as SARIF fix objects, valid
// against the official schema.
func TestSARIFFixes(t *testing.T) {
	out := render(t, "sarif", fixedReport())
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if err := compileSARIFSchema(t).Validate(doc); err != nil {
		t.Errorf("SARIF with fixes does not validate: %#v", err)
	}
	for _, want := range []string{`"fixes": [`, `"description": {`, `"artifactChanges": [`, `"deletedRegion": {`, `"insertedContent": {`, `"text": "v2"`} {
		if !strings.Contains(string(out), want) {
			t.Errorf("SARIF lacks %s", want)
		}
	}
}

// TestJSONFixes: the fixes of a finding, and none on the others.
func TestJSONFixes(t *testing.T) {
	var doc struct {
		Findings []struct {
			Fixes []struct {
				Message string
				Edits   []struct {
					File                             string
					Line, Column, EndLine, EndColumn int
					NewText                          string
				}
			}
		}
	}
	if err := json.Unmarshal(render(t, "json", fixedReport()), &doc); err != nil {
		t.Fatal(err)
	}
	var with int
	for _, f := range doc.Findings {
		if len(f.Fixes) > 0 {
			with++
			e := f.Fixes[1].Edits[1]
			if f.Fixes[0].Edits[0].NewText != "v2" || e.File != "mesh/reviews.yaml" || e.Line != 30 || e.EndLine != 36 || e.NewText != "" {
				t.Errorf("fixes: %+v", f.Fixes)
			}
		}
	}
	if with != 1 {
		t.Errorf("%d findings with fixes, want 1", with)
	}
}
