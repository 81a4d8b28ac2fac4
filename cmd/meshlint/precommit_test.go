package main

import (
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"
)

// TestPreCommitHooks checks the hook definitions pre-commit reads from the
// repository: the fields it requires, a files pattern that selects
// manifests only, and an entry this command accepts.
func TestPreCommitHooks(t *testing.T) {
	data, err := os.ReadFile("../../.pre-commit-hooks.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var hooks []struct {
		ID            string   `yaml:"id"`
		Name          string   `yaml:"name"`
		Entry         string   `yaml:"entry"`
		Language      string   `yaml:"language"`
		Files         string   `yaml:"files"`
		Args          []string `yaml:"args"`
		PassFilenames *bool    `yaml:"pass_filenames"`
	}
	if err := yaml.Unmarshal(data, &hooks); err != nil || len(hooks) == 0 {
		t.Fatalf("no hooks (%v)", err)
	}
	var hookArgs [][]string
	for _, h := range hooks {
		if h.ID == "" || h.Name == "" || h.Language != "golang" || !strings.HasPrefix(h.Entry, "meshlint") {
			t.Errorf("hook %+v: want id, name, language golang and a meshlint entry", h)
		}
		files := regexp.MustCompile(h.Files)
		for name, want := range map[string]bool{"a.yaml": true, "deploy/b.yml": true, "c.json": true, "README.md": false, "x.yaml.bak": false} {
			if files.MatchString(name) != want {
				t.Errorf("hook %s: files %q matches %s: %v", h.ID, h.Files, name, !want)
			}
		}
		if h.PassFilenames == nil || !*h.PassFilenames {
			t.Errorf("hook %s: the hook reports on the changed files; set pass_filenames: true", h.ID)
		}
		args := append(strings.Fields(h.Entry)[1:], h.Args...)
		if !slices.Contains(args, "--pre-commit") {
			t.Errorf("hook %s: entry %q: the changed files are not the whole mesh; pass --pre-commit", h.ID, h.Entry)
		}
		hookArgs = append(hookArgs, args)
	}
	// The entries, run the way pre-commit runs them: in the repository,
	// with the changed files.
	gitTree(t, map[string]string{"dr.yaml": meshDR, "svc.yaml": meshSvc, "old.yaml": meshOldMistake})
	writeFile(t, "vs.yaml", meshVS)
	for _, args := range hookArgs {
		expectRun(t, append(args, "vs.yaml"), 0, 0)
	}
}

// TestPreCommitMode: the changed files are analyzed with every tracked
// manifest, and only their findings, or findings pointing at them, are
// reported.
func TestPreCommitMode(t *testing.T) {
	dir := gitTree(t, map[string]string{
		"mesh/dr.yaml": meshDR, "mesh/svc.yaml": meshSvc, "old.yaml": meshOldMistake, "README.md": "# x\n",
		"chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n", "chart/templates/vs.yaml": "{{ .Values.x }}\n",
		".github/workflows/ci.yaml": "on: push\n",
	})
	// A new VirtualService that resolves only through unchanged files.
	writeFile(t, "mesh/vs.yaml", meshVS)
	gitIn(t, dir, "add", "mesh/vs.yaml")
	expectRun(t, []string{"--pre-commit", "mesh/vs.yaml"}, 0, 0)
	expectRun(t, []string{"--pre-commit", "mesh/vs.yaml", "README.md"}, 0, 0)
	// An untracked file is not part of the commit, nor of the mesh.
	writeFile(t, "scratch.yaml", meshDRNoV1)
	expectRun(t, []string{"--pre-commit", "mesh/vs.yaml"}, 0, 0)
	// A change that breaks a reference from an unchanged file.
	writeFile(t, "mesh/dr.yaml", meshDRNoV1)
	expectRun(t, []string{"--pre-commit", "mesh/dr.yaml"}, 1, 1, "mesh/vs.yaml:8:", `subset "v1"`)
	// The old mistake is reported when its file changes.
	expectRun(t, []string{"--pre-commit", "old.yaml"}, 1, 1, "old.yaml:")
	// The config's paths replace the tracked manifests.
	writeFile(t, ".meshlint.yaml", "paths: [mesh/svc.yaml, mesh/vs.yaml]\n")
	expectRun(t, []string{"--pre-commit", "mesh/vs.yaml"}, 1, 1, `subset "v1"`)
}

func TestPreCommitUsageErrors(t *testing.T) {
	gitTree(t, map[string]string{"svc.yaml": meshSvc})
	expectRun(t, []string{"--pre-commit"}, 2, 0, "no changed files given")
	expectRun(t, []string{"--pre-commit", "-"}, 2, 0, "stdin")
	t.Chdir(t.TempDir())
	writeFile(t, "svc.yaml", meshSvc)
	expectRun(t, []string{"--pre-commit", "svc.yaml"}, 2, 0, "not in a git work tree", "paths")
}

// TestTrackedManifests: the pre-commit mode reads what a walk would,
// in the walk's order.
func TestTrackedManifests(t *testing.T) {
	files := []string{"a-b.yaml", "a/x.yaml", "a/y.txt", ".hidden/z.yaml", "d/.k.yaml", "c/Chart.yaml", "c/templates/t.yaml", "c/values.yaml", "e.json"}
	got := trackedManifests(files, nil)
	want := []string{"a/x.yaml", "a-b.yaml", "c/Chart.yaml", "e.json"}
	if !slices.Equal(got, want) {
		t.Errorf("trackedManifests = %v, want %v", got, want)
	}
	if got := trackedManifests([]string{"Chart.yaml", "templates/a.yaml"}, nil); !slices.Equal(got, []string{"Chart.yaml"}) {
		t.Errorf("a chart at the top: %v, want only Chart.yaml", got)
	}
}
