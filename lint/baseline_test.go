package lint_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// lintFiles lints files as one set with every rule, each file's content
// passed through edit first.
func lintFiles(t *testing.T, files []string, edit func(string) string) *analyzers.Report {
	t.Helper()
	var sources []source.Source
	for _, f := range files {
		content, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source.Source{Path: f, Content: []byte(edit(string(content)))})
	}
	cfg := lint.DefaultOptions()
	cfg.AllRules = true
	rep, err := lint.Lint(context.Background(), sources, cfg)
	if err != nil {
		t.Fatal(err)
	}
	return rep.Report
}

func fingerprints(rep *analyzers.Report) map[string]int {
	out := map[string]int{}
	for _, f := range rep.Findings {
		out[f.Fingerprint()]++
	}
	return out
}

// TestFingerprintsSurviveLineShifts lints every rule fixture and the
// examples twice, the second time with lines added at the top of each
// file: every finding must keep its fingerprint, or a baseline (and code
// scanning) would take it for a new one. A message that quotes a line
// number fails this test.
func TestFingerprintsSurviveLineShifts(t *testing.T) {
	dirs, _ := filepath.Glob("../testdata/rules/*")
	dirs = append(dirs, examplesDir)
	total := 0
	for _, dir := range dirs {
		files := analysistest.Sources(t, dir)
		for _, file := range files {
			single := []string{file}
			before := lintFiles(t, single, func(s string) string { return s })
			after := lintFiles(t, single, func(s string) string { return "# shifted\n\n\n" + s })
			want, got := fingerprints(before), fingerprints(after)
			for _, f := range before.Findings {
				if got[f.Fingerprint()] != want[f.Fingerprint()] {
					t.Errorf("%s: %s %q changed fingerprint when lines shifted", file, f.Rule.ID, f.Message)
				}
			}
			total += len(before.Findings)
		}
	}
	if total < 100 {
		t.Errorf("only %d findings compared: the fixtures are not where expected", total)
	}
}

func TestBaselineApply(t *testing.T) {
	files := analysistest.Sources(t, examplesDir)
	rep := lintFiles(t, files, func(s string) string { return s })
	n := len(rep.Findings)
	if n == 0 {
		t.Fatal("the examples have no findings")
	}
	data, err := lint.MarshalBaseline(rep.Findings)
	if err != nil {
		t.Fatal(err)
	}
	b, err := lint.ParseBaseline(data)
	if err != nil || b.Entries != n {
		t.Fatalf("ParseBaseline: %v, %d entries; want %d", err, b.Entries, n)
	}

	// Everything known: all suppressed, nothing stale.
	again := lintFiles(t, files, func(s string) string { return s })
	stale := b.Apply(again.Findings)
	again.Count()
	if stale != 0 || again.Summary.Suppressed != n || again.Summary.Errors+again.Summary.Warnings+again.Summary.Infos != 0 {
		t.Errorf("stale %d, summary %+v; want all %d suppressed", stale, again.Summary, n)
	}

	// A finding recorded once absorbs one occurrence, not two.
	dup := lintFiles(t, files, func(s string) string { return s })
	dup.Findings = append(dup.Findings, dup.Findings[0])
	dup.Findings[len(dup.Findings)-1] = cloneFinding(dup.Findings[0])
	b.Apply(dup.Findings)
	dup.Count()
	if dup.Summary.Suppressed != n || dup.Summary.Errors+dup.Summary.Warnings+dup.Summary.Infos != 1 {
		t.Errorf("summary %+v; want one finding left over", dup.Summary)
	}

	// Half the findings fixed: the other half are stale entries.
	half := lintFiles(t, files, func(s string) string { return s })
	half.Findings = half.Findings[:n/2]
	if stale := b.Apply(half.Findings); stale != n-n/2 {
		t.Errorf("stale %d; want %d", stale, n-n/2)
	}
}

func cloneFinding(f *analyzers.Finding) *analyzers.Finding {
	c := *f
	return &c
}

func TestParseBaselineErrors(t *testing.T) {
	tests := []struct{ name, data, want string }{
		{"not json", "findings: []\n", ":1:3: not a meshlint baseline"},
		{"type error at its line", "{\n  \"version\": \"1\",\n  \"findings\": [\n    {\"fingerprint\": 5}]}\n", ":4:"},
		{"unknown key", "{\"version\": \"1\", \"findings\": [], \"extra\": 1}", "unknown field"},
		{"other version", "{\"version\": \"3\", \"findings\": []}", `version is "3"`},
		{"entry without fingerprint", "{\"version\": \"1\", \"findings\": [{\"rule\": \"ML0001\"}]}", "findings[0] has no fingerprint"},
	}
	for _, tt := range tests {
		_, err := lint.ParseBaseline([]byte(tt.data))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: error %v; want one containing %q", tt.name, err, tt.want)
		}
	}
}
