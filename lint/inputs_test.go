package lint_test

import (
	"maps"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/lint"
)

func TestReadSources(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"deploy/a.yaml", "deploy/b.yaml", "charts/c.yaml", "other/d.yaml", "README.md"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("apiVersion: v1\nkind: Service\nmetadata: {name: s}\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	at := func(name string) string { return filepath.Join(dir, name) }
	config := &lint.File{Path: at(".meshlint.yaml"), Paths: []string{"deploy/**", "charts/**"}, Ignore: []string{"charts/**"}}
	tests := []struct {
		name    string
		in      lint.Inputs
		want    []string // names relative to dir
		wantErr string
	}{
		{"paths, ignore applied", lint.Inputs{Paths: []string{at("deploy"), at("charts")}, Config: config}, []string{"deploy/a.yaml", "deploy/b.yaml"}, ""},
		{"config paths without PATH", lint.Inputs{Config: config}, []string{"deploy/a.yaml", "deploy/b.yaml"}, ""},
		{"config paths that match nothing", lint.Inputs{Config: &lint.File{Path: at(".meshlint.yaml"), Paths: []string{"nope/**"}}}, nil, "paths match no manifest file"},
		{"only adds files outside the paths and skips the rest",
			lint.Inputs{Paths: []string{at("deploy/a.yaml")}, Config: config,
				Only: []string{at("other/d.yaml"), at("deploy/a.yaml"), at("README.md"), at("charts/c.yaml"), at("deleted.yaml")}},
			[]string{"deploy/a.yaml", "other/d.yaml"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources, err := lint.ReadSources(tt.in)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v; want %q", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range sources {
				rel, _ := filepath.Rel(dir, s.Path)
				got = append(got, filepath.ToSlash(rel))
			}
			if strings.Join(got, " ") != strings.Join(tt.want, " ") {
				t.Errorf("read %v; want %v", got, tt.want)
			}
		})
	}
}

// TestReadSourcesFound: files a walk, the config's paths or --only turn up
// are Found (one holding no manifest is skipped); files named are not.
func TestReadSourcesFound(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"deploy/a.yaml", "deploy/data.json", "changed.yaml"} {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("- x\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		name string
		in   lint.Inputs
		want map[string]bool // path relative to dir → Found
	}{
		{"walk", lint.Inputs{Paths: []string{at("deploy")}}, map[string]bool{"deploy/a.yaml": true, "deploy/data.json": true}},
		{"named", lint.Inputs{Paths: []string{at("deploy/data.json")}}, map[string]bool{"deploy/data.json": false}},
		{"config paths", lint.Inputs{Config: &lint.File{Path: at(".meshlint.yaml"), Paths: []string{"deploy/*.json"}}}, map[string]bool{"deploy/data.json": true}},
		{"only", lint.Inputs{Paths: []string{at("deploy/a.yaml")}, Only: []string{at("changed.yaml")}}, map[string]bool{"deploy/a.yaml": false, "changed.yaml": true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources, err := lint.ReadSources(tt.in)
			if err != nil {
				t.Fatal(err)
			}
			got := map[string]bool{}
			for _, s := range sources {
				rel, _ := filepath.Rel(dir, s.Path)
				got[filepath.ToSlash(rel)] = s.Found
			}
			if !maps.Equal(got, tt.want) {
				t.Errorf("got %v; want %v", got, tt.want)
			}
		})
	}
}
