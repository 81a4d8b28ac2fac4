package lsp

import (
	"path/filepath"
	"testing"

	"github.com/meshlint/meshlint/lint"
)

// Open buffers take the place of their files; an open manifest outside
// the config's paths is linted too (as --only adds it), unless the config
// ignores it, and an open file that is not a manifest is left out.
func TestWorkspaceSources(t *testing.T) {
	root := t.TempDir()
	for _, f := range []string{"deploy/a.yaml", "other/b.yaml", "vendor/c.yaml"} {
		writeFile(t, filepath.Join(root, f), "kind: ConfigMap\n")
	}
	writeFile(t, filepath.Join(root, ".meshlint.yaml"), "paths: [\"deploy/**\"]\nignore: [vendor/]\n")
	cf, err := lint.ReadConfigFile(filepath.Join(root, ".meshlint.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	ws := &Workspace{Options: lint.DefaultOptions(), Config: cf}
	docs := map[string]*document{}
	for _, f := range []string{"deploy/a.yaml", "other/b.yaml", "vendor/c.yaml", "notes.txt"} {
		docs[filepath.Join(root, f)] = &document{content: []byte("# buffer of " + f)}
	}
	srcs, err := workspaceSources(ws, root, docs)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, s := range srcs {
		rel, _ := filepath.Rel(root, s.Path)
		got[rel] = string(s.Content)
	}
	want := map[string]string{"deploy/a.yaml": "# buffer of deploy/a.yaml", "other/b.yaml": "# buffer of other/b.yaml"}
	if len(got) != len(want) || got["deploy/a.yaml"] != want["deploy/a.yaml"] || got["other/b.yaml"] != want["other/b.yaml"] {
		t.Errorf("sources %v, want %v", got, want)
	}
	if !srcs[1].Found {
		t.Error("an open file outside the paths is not Found: a non-manifest YAML there would be reported")
	}
}
