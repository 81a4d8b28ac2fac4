package main

import (
	"os"
	"regexp"
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
		if h.PassFilenames == nil || *h.PassFilenames {
			t.Errorf("hook %s: the changed files alone are not a mesh; set pass_filenames: false", h.ID)
		}
		args := append(strings.Fields(h.Entry)[1:], h.Args...)
		if code, _, errOut := runCLI(t, "", append(args, "testdata/clean.yaml")...); code != 0 {
			t.Errorf("hook %s: meshlint %v exits %d: %s", h.ID, args, code, errOut)
		}
	}
}
