package lint

import (
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// TestReparses: a file whose fixed content would parse worse than before
// is not written.
func TestReparses(t *testing.T) {
	before := []byte("a: 1\n---\nb: 2\n")
	for _, tt := range []struct {
		after string
		want  bool
	}{
		{"a: 2\n---\nb: 2\n", true},
		{"a: [\n---\nb: 2\n", false}, // a syntax error
		{"a: 1\nb: 2\n", false},      // a document lost
	} {
		if got := reparses("f.yaml", before, []byte(tt.after)); got != tt.want {
			t.Errorf("reparses(%q) = %v, want %v", tt.after, got, tt.want)
		}
	}
}

// TestApplyCheckedRefusesOneFix: a fix that would break the YAML is
// refused alone; the others of the file still apply.
func TestApplyCheckedRefusesOneFix(t *testing.T) {
	content := []byte("a: 1\nb: 2\n")
	fix := func(line int, text string) RuleFix {
		r := graph.Range{Start: graph.Position{Line: line, Column: 4}, End: graph.Position{Line: line, Column: 5}}
		return RuleFix{Rule: "X", SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{{Location: graph.Location{File: "f", Range: r}, NewText: text}}}}
	}
	out, applied, refused := applyChecked("f.yaml", content, []RuleFix{fix(1, "[")}) // alone: refused
	if string(out) != string(content) || len(applied) != 0 || refused != 1 {
		t.Errorf("got %q, %d applied, %d refused", out, len(applied), refused)
	}
	out, applied, refused = applyChecked("f.yaml", content, []RuleFix{fix(1, "["), fix(2, "3")})
	if string(out) != "a: 1\nb: 3\n" || len(applied) != 1 || refused != 1 {
		t.Errorf("got %q, %d applied, %d refused", out, len(applied), refused)
	}
}
