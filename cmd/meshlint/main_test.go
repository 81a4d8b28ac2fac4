package main

import (
	"bytes"
	"encoding/json"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/internal/lazyre"
)

// runCLI runs the command in-process and returns exit code and output.
func runCLI(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(args, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		stdin      string
		wantCode   int
		wantStdout string // substring
		wantStderr string // substring
	}{
		{"clean file", []string{"testdata/clean.yaml"}, "", 0, "", "0 errors"},
		{"findings", []string{"testdata/broken.yaml"}, "", 1, "testdata/broken.yaml:13:15: error: host \"reviews\"", "1 error"},
		{"warning below fail-on error", []string{"--disable", "ML1103", "testdata/broken.yaml"}, "", 0, "ML2001", ""},
		{"fail-on warning", []string{"--fail-on", "warning", "--disable", "ML1103", "testdata/broken.yaml"}, "", 1, "ML2001", ""},
		{"fail-on none", []string{"--fail-on=none", "testdata/broken.yaml"}, "", 0, "ML1103", ""},
		{"json exits 1 too", []string{"-o", "json", "testdata/broken.yaml"}, "", 1, `"rule": "ML1103"`, ""},
		{"sarif exits 1 too", []string{"--format", "sarif", "testdata/broken.yaml"}, "", 1, `"ruleId": "ML1103"`, ""},
		{"github exits 1 too", []string{"-o", "github", "testdata/broken.yaml"}, "", 1, "::error file=testdata/broken.yaml,line=13,col=15,", "1 error"},
		{"gitlab exits 1 too", []string{"-o", "gitlab", "testdata/broken.yaml"}, "", 1, `"check_name": "ML1103"`, "1 error"},
		{"checkstyle exits 1 too", []string{"-o", "checkstyle", "testdata/broken.yaml"}, "", 1, `<error line="13" column="15" severity="error"`, "1 error"},
		{"stdin", []string{"-"}, "apiVersion: v1\nkind: Service\nmetadata: {name: a}\n", 0, "", "1 file"},
		{"stdin syntax error", []string{"-"}, "a: [\n", 1, "<stdin>:1:1: error: YAML syntax error", ""},
		{"missing path", []string{"testdata/nope.yaml"}, "", 2, "", "meshlint: testdata/nope.yaml: no such file or directory"},
		{"unknown flag", []string{"--frobnicate"}, "", 2, "", "unknown flag: --frobnicate"},
		{"unknown format", []string{"-o", "xml", "testdata/clean.yaml"}, "", 2, "", `unknown format "xml"`},
		{"bad fail-on", []string{"--fail-on", "fatal", "testdata/clean.yaml"}, "", 2, "", "--fail-on"},
		{"unknown rule", []string{"--disable", "ML9999", "testdata/clean.yaml"}, "", 2, "", `no rule "ML9999"`},
		{"help", []string{"--help"}, "", 0, "Exit codes", ""},
		{"version", []string{"version"}, "", 0, "meshlint ", ""},
		{"--version", []string{"--version"}, "", 0, "meshlint ", ""},
		{"rules", []string{"rules"}, "", 0, "ML1102  virtualservice-subset-not-found", ""},
		{"explain by id", []string{"explain", "ML1102"}, "", 0, "# ML1102 virtualservice-subset-not-found", ""},
		{"explain by name", []string{"explain", "virtualservice-gateway-not-found"}, "", 0, "# ML1101", ""},
		{"explain istio code", []string{"explain", "IST0101"}, "", 0, "corresponds to several rules", ""},
		{"explain unknown", []string{"explain", "nope"}, "", 2, "", "meshlint: explain: no rule \"nope\" (see meshlint rules)\n"},
		{"enable only one rule", []string{"--enable", "virtualservice-no-default-route", "--fail-on", "warning", "testdata/broken.yaml"}, "", 1, "ML2001", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.stdin, tt.args...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out, errOut)
			}
			if !strings.Contains(out, tt.wantStdout) {
				t.Errorf("stdout %q does not contain %q", out, tt.wantStdout)
			}
			if !strings.Contains(errOut, tt.wantStderr) {
				t.Errorf("stderr %q does not contain %q", errOut, tt.wantStderr)
			}
			if tt.wantCode == 2 && strings.Count(strings.TrimSpace(errOut), "\n") != 0 {
				t.Errorf("usage errors must be one line, got %q", errOut)
			}
		})
	}
}

func TestOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "report.json")
	code, stdout, _ := runCLI(t, "", "-o", "json", "--output", out, "testdata/broken.yaml")
	if code != 1 || stdout != "" {
		t.Fatalf("code %d, stdout %q", code, stdout)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Version  string           `json:"version"`
		Findings []map[string]any `json:"findings"`
	}
	if err := json.Unmarshal(data, &doc); err != nil || doc.Version != "1" || len(doc.Findings) == 0 {
		t.Fatalf("bad report (%v): %s", err, data)
	}
	entries, _ := os.ReadDir(filepath.Dir(out))
	if len(entries) != 1 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

// TestOutputFileUnwritable: the error names the path given, not the
// temporary file written beside it.
func TestOutputFileUnwritable(t *testing.T) {
	path := filepath.Join(t.TempDir(), "no", "such", "dir", "r.txt")
	code, _, errOut := runCLI(t, "", "--output", path, "testdata/clean.yaml")
	if want := "meshlint: --output: " + path + ": no such file or directory\n"; code != 2 || errOut != want {
		t.Fatalf("code %d, stderr %q; want 2 and %q", code, errOut, want)
	}
}

func TestDirectoryAndNoPath(t *testing.T) {
	code, out, _ := runCLI(t, "", "testdata")
	if code != 1 || !strings.Contains(out, "testdata/broken.yaml") {
		t.Fatalf("directory lint: code %d, out %q", code, out)
	}
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir("testdata"); err != nil {
		t.Fatal(err)
	}
	code, out, _ = runCLI(t, "")
	if code != 1 || !strings.HasPrefix(out, "broken.yaml:") {
		t.Fatalf("no-path lint: code %d, out %q", code, out)
	}
}

// TestRulesDocsUpToDate: docs/rules holds exactly what `meshlint rules
// --output-dir` writes, one page per rule and the README.md index, each up
// to date, and nothing else: a page left behind by a removed or renumbered
// rule would still be published and linked to.
func TestRulesDocsUpToDate(t *testing.T) {
	for _, problem := range diffRuleDocs(t, generateRuleDocs(t), filepath.Join("..", "..", "docs", "rules")) {
		t.Error(problem)
	}
}

// The comparison catches each way docs/rules can drift.
func TestDiffRuleDocs(t *testing.T) {
	generated := generateRuleDocs(t)
	committed := t.TempDir()
	entries, err := os.ReadDir(generated)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		content, err := os.ReadFile(filepath.Join(generated, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(committed, e.Name()), content, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if problems := diffRuleDocs(t, generated, committed); len(problems) > 0 {
		t.Fatalf("identical directories differ: %v", problems)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.WriteFile(filepath.Join(committed, "ML9999.md"), []byte("# ML9999 gone\n"), 0o644))
	must(os.WriteFile(filepath.Join(committed, "ML1102.md"), []byte("# ML1102 stale\n"), 0o644))
	must(os.Remove(filepath.Join(committed, "README.md")))
	problems := strings.Join(diffRuleDocs(t, generated, committed), "\n")
	for _, want := range []string{"ML9999.md has no rule", "ML1102.md is stale", "README.md is missing"} {
		if !strings.Contains(problems, want) {
			t.Errorf("the comparison does not say %q; it says:\n%s", want, problems)
		}
	}
}

// generateRuleDocs writes the rule pages into a temporary directory.
func generateRuleDocs(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	if code, _, errOut := runCLI(t, "", "rules", "--output-dir", dir); code != 0 {
		t.Fatalf("rules --output-dir: %s", errOut)
	}
	return dir
}

// diffRuleDocs compares the committed pages with the generated ones and
// says what differs: pages missing or stale, and pages no rule generates.
func diffRuleDocs(t *testing.T, generated, committed string) []string {
	t.Helper()
	read := func(dir string) map[string][]byte {
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		files := map[string][]byte{}
		for _, e := range entries {
			if e.IsDir() {
				files[e.Name()+"/"] = nil // never generated: reported as such
				continue
			}
			content, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				t.Fatal(err)
			}
			files[e.Name()] = content
		}
		return files
	}
	want, got := read(generated), read(committed)
	var problems []string
	for _, name := range slices.Sorted(maps.Keys(want)) {
		page := filepath.Join(committed, name)
		switch content, ok := got[name]; {
		case !ok:
			problems = append(problems, page+" is missing: run `make docs`")
		case !bytes.Equal(content, want[name]):
			problems = append(problems, page+" is stale: run `make docs`")
		}
	}
	for _, name := range slices.Sorted(maps.Keys(got)) {
		if _, ok := want[name]; !ok {
			problems = append(problems, filepath.Join(committed, name)+" has no rule behind it: delete it (`make docs` does)")
		}
	}
	return problems
}

// The packages' regular expressions compile on first use; this compiles
// all of them, as regexp.MustCompile at start-up used to.
func TestEveryLazyPatternCompiles(t *testing.T) {
	if err := lazyre.CheckAll(); err != nil {
		t.Fatal(err)
	}
}
