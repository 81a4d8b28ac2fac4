package main

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// jsonFindings runs the CLI with -o json in the working directory and
// returns the findings, keyed by what identifies them across a fix that
// moves lines: rule, file, resource and field path.
func jsonFindings(t *testing.T, args ...string) (all map[string]bool, fixable map[string]bool) {
	t.Helper()
	code, out, errOut := runCLI(t, "", append([]string{"-o", "json", "--fail-on", "none"}, args...)...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var doc struct {
		Findings []struct {
			Rule, Path string
			Location   struct{ File string }
			Resource   *struct{ Kind, Namespace, Name string }
			Fixes      []json.RawMessage
		}
	}
	if err := json.Unmarshal([]byte(out), &doc); err != nil {
		t.Fatal(err)
	}
	all, fixable = map[string]bool{}, map[string]bool{}
	for _, f := range doc.Findings {
		key := f.Rule + " " + f.Location.File + " " + f.Path
		if f.Resource != nil {
			key += " " + f.Resource.Kind + " " + f.Resource.Namespace + "/" + f.Resource.Name
		}
		all[key] = true
		if len(f.Fixes) > 0 {
			fixable[key] = true
		}
	}
	return all, fixable
}

// TestFixExamples runs --fix on a copy of the example mesh: every finding
// that has a fix is gone afterwards, nothing new is reported, and a second
// --fix changes nothing.
func TestFixExamples(t *testing.T) {
	dir := t.TempDir()
	copyTree(t, "../../examples", dir)
	chdir(t, dir)
	before, fixable := jsonFindings(t, ".")
	if len(fixable) < 2 {
		t.Fatalf("the examples have %d findings with a fix; want several", len(fixable))
	}
	code, _, errOut := runCLI(t, "", "--fix", "--fail-on", "none", ".")
	if code != 0 || !strings.Contains(errOut, "meshlint: fixed ") {
		t.Fatalf("--fix: exit %d, stderr:\n%s", code, errOut)
	}
	after, left := jsonFindings(t, ".")
	for k := range after {
		if fixable[k] || !before[k] {
			t.Errorf("after --fix: %s (fixed ones must be gone, nothing new)", k)
		}
	}
	if len(left) > 0 {
		t.Errorf("fixes left after --fix: %v", left)
	}
	code, _, errOut = runCLI(t, "", "--fix", "--fail-on", "none", ".")
	if code != 0 || strings.Contains(errOut, "fixed") {
		t.Errorf("second --fix: exit %d, stderr:\n%s", code, errOut)
	}
}

func TestFixFlags(t *testing.T) {
	const file = "apiVersion: networking.istio.io/v1alpha3\nkind: Sidecar\nmetadata: {name: default, namespace: shop}\nspec:\n  egress:\n  - hosts: [\"./*\"]  # kept\n"
	runInTree(t, map[string]string{"a.yaml": file}, []string{"--dry-run", "a.yaml"}, exitUsage, []string{"--dry-run: only with --fix"}, nil)
	runInTree(t, nil, []string{"--fix", "-"}, exitUsage, []string{"standard input cannot be fixed"}, nil)

	dir := writeTree(t, map[string]string{"a.yaml": file})
	chdir(t, dir)
	if err := os.Chmod("a.yaml", 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "", "a.yaml")
	if code != exitClean || !strings.Contains(errOut, "meshlint: 1 finding can be fixed with --fix") {
		t.Errorf("a run without --fix does not say what --fix would do: exit %d, stderr:\n%s", code, errOut)
	}
	code, out, errOut := runCLI(t, "", "--fix", "--dry-run", "--fail-on", "info", "a.yaml")
	if code != exitClean || !strings.Contains(out, "--- a/a.yaml\n+++ b/a.yaml\n") || !strings.Contains(out, "+apiVersion: networking.istio.io/v1\n") ||
		!strings.Contains(errOut, "would fix a.yaml: ML0112") {
		t.Errorf("--dry-run: exit %d, stdout:\n%s\nstderr:\n%s", code, out, errOut)
	}
	if got, _ := os.ReadFile("a.yaml"); string(got) != file {
		t.Error("--dry-run changed the file")
	}
	code, _, errOut = runCLI(t, "", "--fix", "--fail-on", "info", "a.yaml")
	got, _ := os.ReadFile("a.yaml")
	if code != exitClean || string(got) != strings.Replace(file, "v1alpha3", "v1", 1) || !strings.Contains(errOut, "fixed a.yaml: ML0112") {
		t.Errorf("--fix: exit %d, file:\n%s\nstderr:\n%s", code, got, errOut)
	}
	if info, err := os.Stat("a.yaml"); err != nil || info.Mode().Perm() != 0o600 {
		t.Errorf("--fix changed the file's mode: %v %v", info.Mode(), err)
	}
}

func chdir(t *testing.T, dir string) {
	t.Helper()
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
}

func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		dst := filepath.Join(to, rel)
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return err
		}
		return os.WriteFile(dst, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}
