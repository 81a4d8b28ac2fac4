package source

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// writeFiles creates files (slash-separated relative path → content) under
// a temporary directory and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestIsManifestFile(t *testing.T) {
	tests := map[string]bool{
		"a.yaml": true, "a.yml": true, "a.json": true, "A.YAML": true, "b.Yml": true, "c.JSON": true,
		"dir/x.yaml": true, "a.yaml.bak": false, "a.txt": false, "yaml": false, "a.jsonl": false,
		"Makefile": false, "a.": false,
	}
	for name, want := range tests {
		if got := IsManifestFile(name); got != want {
			t.Errorf("IsManifestFile(%q) = %v", name, got)
		}
	}
}

func TestReadSources(t *testing.T) {
	dir := writeFiles(t, map[string]string{
		"a.yaml":               "a",
		"b.YML":                "b",
		"c.Json":               "c",
		"notes.txt":            "not a manifest",
		"README.md":            "# readme",
		"sub/d.yaml":           "d",
		"sub/deeper/e.yml":     "e",
		".git/config.yaml":     "hidden directory",
		"sub/.cache/f.yaml":    "hidden directory",
		".meshlint.yaml":       "hidden file: tool configuration",
		"sub/.gitlab-ci.yml":   "hidden file",
		"explicit/script.conf": "read when named",
	})
	rel := func(ps ...string) []string {
		out := make([]string, len(ps))
		for i, p := range ps {
			out[i] = filepath.Join(dir, filepath.FromSlash(p))
		}
		return out
	}
	tests := []struct {
		name  string
		args  []string
		want  []string
		stdin string
	}{
		{"directory walk", rel("."), rel("a.yaml", "b.YML", "c.Json", "sub/d.yaml", "sub/deeper/e.yml"), ""},
		{"subdirectory", rel("sub"), rel("sub/d.yaml", "sub/deeper/e.yml"), ""},
		{"explicit files whatever their extension, in argument order", rel("notes.txt", "explicit/script.conf"), rel("notes.txt", "explicit/script.conf"), ""},
		{"explicit hidden file", rel(".meshlint.yaml"), rel(".meshlint.yaml"), ""},
		{"hidden directory named explicitly is walked", rel(".git"), rel(".git/config.yaml"), ""},
		{"overlapping arguments, in apply order, each file where it first comes",
			append(rel("sub/deeper/e.yml", "sub", "a.yaml"), filepath.Join(dir, "sub", "..", "a.yaml"), dir+string(filepath.Separator)+"."),
			rel("sub/deeper/e.yml", "sub/d.yaml", "a.yaml", "b.YML", "c.Json"), ""},
		{"stdin", []string{"-"}, []string{StdinPath}, "from stdin"},
		{"stdin twice is read once", append([]string{"-", "-"}, rel("a.yaml")...), append([]string{StdinPath}, rel("a.yaml")...), "from stdin"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sources, err := ReadSources(tt.args, strings.NewReader(tt.stdin))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, s := range sources {
				got = append(got, s.Path)
				if s.Path == StdinPath && string(s.Content) != tt.stdin {
					t.Errorf("stdin content %q", s.Content)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("paths\n got %v\nwant %v", got, tt.want)
			}
		})
	}
	// Contents are read.
	sources, err := ReadSources(rel("a.yaml", "sub/d.yaml"), nil)
	if err != nil || len(sources) != 2 || string(sources[0].Content) != "a" || string(sources[1].Content) != "d" {
		t.Errorf("contents: %v %v", sources, err)
	}
}

// A directory is read as kubectl walks it, each level's entries by name:
// a/x.yaml comes before a-b.yaml, which sorts first as a whole path.
func TestReadSourcesWalkOrder(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a-b.yaml": "1", "a/x.yaml": "2", "b.yaml": "3"})
	sources, err := ReadSources([]string{filepath.Join(dir, "b.yaml"), dir}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sources {
		got = append(got, string(s.Content))
	}
	if want := []string{"3", "2", "1"}; !slices.Equal(got, want) {
		t.Errorf("read %v; want %v (b.yaml named first, then the walk)", got, want)
	}
}

func TestReadSourcesErrors(t *testing.T) {
	dir := writeFiles(t, map[string]string{"a.yaml": "a"})
	missing := filepath.Join(dir, "missing.yaml")
	_, err := ReadSources([]string{filepath.Join(dir, "a.yaml"), missing}, nil)
	var pe *PathError
	if !errors.As(err, &pe) || pe.Path != missing || !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("error %v (%T); want a *PathError for %s wrapping ErrNotExist", err, err, missing)
	}
	if msg := err.Error(); strings.Count(msg, missing) != 1 {
		t.Errorf("message %q should name the path once", msg)
	}
	_, err = ReadSources([]string{"-"}, iotest.ErrReader(errors.New("broken pipe")))
	if !errors.As(err, &pe) || pe.Path != StdinPath || !strings.Contains(err.Error(), "broken pipe") {
		t.Errorf("stdin error %v; want a *PathError for %s", err, StdinPath)
	}
}

// TestReadSourcesHelmChart: a walk reads only the Chart.yaml of a Helm
// chart (its templates are not YAML until rendered); a template named
// explicitly is read. (yamldoc.TestLoadFileHelmChart: what Chart.yaml loads as.)
func TestReadSourcesHelmChart(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"mesh/svc.yaml":                   "a: 1\n",
		"mesh/payments/Chart.yaml":        "apiVersion: v2\nname: payments\nversion: 0.1.0\n",
		"mesh/payments/values.yaml":       "replicaCount: 1\n",
		"mesh/payments/templates/vs.yaml": "name: {{ .Values.name }}\n",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	template := filepath.Join(dir, "mesh", "payments", "templates", "vs.yaml")
	sources, err := ReadSources([]string{filepath.Join(dir, "mesh"), template}, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range sources {
		rel, _ := filepath.Rel(dir, s.Path)
		got = append(got, filepath.ToSlash(rel))
	}
	if want := []string{"mesh/payments/Chart.yaml", "mesh/svc.yaml", "mesh/payments/templates/vs.yaml"}; !slices.Equal(got, want) {
		t.Errorf("read %v; want %v", got, want)
	}
	// The template named on its own knows its chart; nothing else does.
	for _, s := range sources {
		want := ""
		if s.Path == template {
			want = filepath.Join(dir, "mesh", "payments")
		}
		if s.HelmChart != want {
			t.Errorf("%s: HelmChart = %q, want %q", s.Path, s.HelmChart, want)
		}
	}
}

func TestChartOfTemplate(t *testing.T) {
	dir := t.TempDir()
	for name, content := range map[string]string{
		"app/Chart.yaml":               "apiVersion: v2\nname: app\n",
		"app/templates/svc.yaml":       "x",
		"app/templates/sub/vs.yaml":    "x",
		"app/crds/crd.yaml":            "x",
		"app/values.yaml":              "x",
		"plain/templates/svc.yaml":     "x",
		"app/charts/dep/Chart.yaml":    "apiVersion: v2\nname: dep\n",
		"app/charts/dep/templates/a.y": "x",
	} {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for file, want := range map[string]string{
		"app/templates/svc.yaml":       "app",
		"app/templates/sub/vs.yaml":    "app",
		"app/charts/dep/templates/a.y": "app/charts/dep",
		"app/crds/crd.yaml":            "", // plain YAML, installed as is
		"app/values.yaml":              "",
		"plain/templates/svc.yaml":     "", // no chart above it
	} {
		if want != "" {
			want = filepath.Join(dir, filepath.FromSlash(want))
		}
		if got := chartOfTemplate(filepath.Join(dir, filepath.FromSlash(file))); got != want {
			t.Errorf("chartOfTemplate(%s) = %q, want %q", file, got, want)
		}
	}
}
