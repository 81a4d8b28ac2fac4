package lint

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

func TestMatchGlob(t *testing.T) {
	tests := []struct {
		pattern, name string
		want          bool
	}{
		{"deploy/**/*.yaml", "deploy/a.yaml", true},
		{"deploy/**/*.yaml", "deploy/x/y/a.yaml", true},
		{"deploy/**/*.yaml", "other/a.yaml", false},
		{"deploy/**/*.yaml", "deploy/a.yml", false},
		{"charts/**", "charts/x/templates/a.yaml", true},
		{"charts/**", "charts", true},
		{"charts/**", "chartsx/a.yaml", false},
		{"*.json", "a/b/c.json", true},
		{"**", "anything/at/all", true},
		{"a/*/c", "a/b/c", true},
		{"a/*/c", "a/b/x/c", false},
		{"a/[", "a/[", false},
	}
	for _, tt := range tests {
		if got := MatchGlob(tt.pattern, tt.name); got != tt.want {
			t.Errorf("MatchGlob(%q, %q) = %v, want %v", tt.pattern, tt.name, got, tt.want)
		}
	}
}

func TestExpandConfigPathsSkipsHidden(t *testing.T) {
	dir := t.TempDir()
	for _, name := range []string{"deploy/a.yaml", "deploy/.hidden.yaml", ".git/x.yaml", "deploy/sub/b.yml", "deploy/c.txt"} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte("a: 1\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	f := &File{Path: filepath.Join(dir, ConfigFileName), Paths: []string{"**"}}
	got, err := ExpandConfigPaths(f)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "deploy", "a.yaml"), filepath.Join(dir, "deploy", "sub", "b.yml")}
	if !slices.Equal(got, want) {
		t.Errorf("got %v, want %v", got, want)
	}
}
