package lint_test

import (
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

var updateFixes = flag.Bool("update-fixes", false, "rewrite testdata/fixes/*/after.yaml from before.yaml")

const fixesDir = "../testdata/fixes"

// TestFixGoldens applies the fixes to each testdata/fixes/*/before.yaml
// and compares the result with after.yaml, byte for byte. Linting the
// fixed file must report none of the findings that had a fix, nothing
// that the original did not report, and no fix left to apply.
func TestFixGoldens(t *testing.T) {
	dirs, _ := filepath.Glob(filepath.Join(fixesDir, "*", "before.yaml"))
	if len(dirs) == 0 {
		t.Fatal("no fix goldens")
	}
	for _, before := range dirs {
		dir := filepath.Dir(before)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in := readFile(t, before)
			res, err := lint.Fix(context.Background(), []source.Source{{Path: "case.yaml", Content: in}}, lint.DefaultOptions())
			if err != nil {
				t.Fatal(err)
			}
			if len(res.Files) != 1 || res.Files[0].Refused > 0 {
				t.Fatalf("want one file fixed without refusal, got %+v", res.Files)
			}
			got := res.Files[0].Fixed
			afterPath := filepath.Join(dir, "after.yaml")
			if *updateFixes {
				if err := os.WriteFile(afterPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			if want := readFile(t, afterPath); string(got) != string(want) {
				t.Errorf("fixed content differs from %s (-update-fixes rewrites it after review):\n%s", afterPath, got)
			}
			checkFixedReportsNothingNew(t, in, got)
		})
	}
}

func checkFixedReportsNothingNew(t *testing.T, before, after []byte) {
	t.Helper()
	old := lintBytes(t, before)
	had, fixable := map[string]bool{}, 0
	for _, f := range old {
		had[f.Fingerprint()] = true
		if len(f.Fixes) > 0 {
			fixable++
			had[f.Fingerprint()] = false // must be gone
		}
	}
	if fixable == 0 {
		t.Fatal("the case has no finding with a fix")
	}
	for _, f := range lintBytes(t, after) {
		switch {
		case len(f.Fixes) > 0:
			t.Errorf("fix left to apply after --fix: %s %s", f.Rule.ID, f.Message)
		case !had[f.Fingerprint()]:
			t.Errorf("finding after the fix that is new or that the fix should have removed: %d:%d %s %s",
				f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message)
		}
	}
}

func lintBytes(t *testing.T, content []byte) []*analyzers.Finding {
	t.Helper()
	res, err := lint.Lint(context.Background(), []source.Source{{Path: "case.yaml", Content: content}}, lint.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestApplyFixesOverlap: fixes apply in order, and one that overlaps an
// applied one waits for the next pass; an insertion where a replacement
// starts is no overlap.
func TestApplyFixesOverlap(t *testing.T) {
	content := []byte("a: 1\nb: 2\nc: 3\n")
	edit := func(l1, c1, l2, c2 int, text string) analyzers.TextEdit {
		return analyzers.TextEdit{Location: graph.Location{File: "f", Range: graph.Range{
			Start: graph.Position{Line: l1, Column: c1}, End: graph.Position{Line: l2, Column: c2}}}, NewText: text}
	}
	fixes := []lint.RuleFix{
		{Rule: "A", SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{edit(1, 4, 1, 5, "10")}}},
		{Rule: "B", SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{edit(1, 1, 2, 1, "")}}}, // overlaps A
		{Rule: "C", SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{edit(2, 1, 2, 1, "z: 0\n"), edit(2, 1, 3, 1, "")}}},
		{Rule: "D", SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{edit(3, 1, 3, 1, "y: 9\n")}}},
		{Rule: "E", SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{edit(3, 1, 3, 1, "x: 8\n")}}}, // same insertion point as D
	}
	out, applied, err := lint.ApplyFixes(content, fixes)
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, a := range applied {
		rules = append(rules, a.Rule)
	}
	if got := strings.Join(rules, ","); got != "A,C,D" {
		t.Errorf("applied %s, want A,C,D", got)
	}
	if want := "a: 10\nz: 0\ny: 9\nc: 3\n"; string(out) != want {
		t.Errorf("got %q, want %q", out, want)
	}
	if _, _, err := lint.ApplyFixes(content, []lint.RuleFix{{SuggestedFix: analyzers.SuggestedFix{Edits: []analyzers.TextEdit{edit(9, 1, 9, 2, "")}}}}); err == nil {
		t.Error("an edit outside the file must be an error")
	}
}
