package gitrepo

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// scratch makes a git repository with two commits: the first holds a.yaml
// ("one"), sub/b.yaml and a link to a.yaml; the second changes a.yaml and
// deletes sub/b.yaml.
func scratch(t *testing.T) (dir, first string) {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir = t.TempDir()
	run := func(args ...string) string {
		t.Helper()
		out, err := git(dir, args...)
		if err != nil {
			t.Fatal(err)
		}
		return strings.TrimSpace(out)
	}
	write := func(name, content string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	run("init", "-q", "-b", "main")
	run("config", "user.email", "t@example.com")
	run("config", "user.name", "t")
	write("a.yaml", "one\n")
	write("sub/b.yaml", "two\n")
	if err := os.Symlink("a.yaml", filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	run("add", "-A")
	run("commit", "-q", "-m", "first")
	first = run("rev-parse", "HEAD")
	write("a.yaml", "changed\n")
	run("rm", "-q", "sub/b.yaml")
	run("commit", "-q", "-am", "second")
	return dir, first
}

func TestExportReadsTheRevisionNotTheWorkTree(t *testing.T) {
	dir, first := scratch(t)
	if err := os.WriteFile(filepath.Join(dir, "a.yaml"), []byte("uncommitted\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(dir)
	if err != nil || r.Prefix != "" {
		t.Fatalf("Open: %+v, %v", r, err)
	}
	c, err := r.Commit("HEAD~1")
	if err != nil || c != first {
		t.Fatalf("Commit(HEAD~1) = %q, %v; want %s", c, err, first)
	}
	dst := t.TempDir()
	if err := r.Export(c, dst); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"a.yaml": "one\n", "sub/b.yaml": "two\n", "link.yaml": "one\n"} {
		got, err := os.ReadFile(filepath.Join(dst, name))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", name, got, err, want)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(dir, "a.yaml")); string(got) != "uncommitted\n" {
		t.Errorf("the work tree changed: a.yaml = %q", got)
	}
}

func TestCommitErrors(t *testing.T) {
	dir, _ := scratch(t)
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, rev := range []string{"nosuchbranch", "--all", "HEAD~5"} {
		if _, err := r.Commit(rev); err == nil || !strings.Contains(err.Error(), rev) {
			t.Errorf("Commit(%q): %v; want an error naming it", rev, err)
		}
	}
	if mb, err := r.MergeBase("main"); err != nil || len(mb) != 40 {
		t.Errorf("MergeBase(main) = %q, %v", mb, err)
	}
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNotWorkTree) {
		t.Errorf("Open outside a work tree: %v", err)
	}
}

func TestTrackedSkipsUntrackedAndDeleted(t *testing.T) {
	dir, _ := scratch(t)
	if err := os.WriteFile(filepath.Join(dir, "new.yaml"), []byte("x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(filepath.Join(dir, "link.yaml")); err != nil {
		t.Fatal(err)
	}
	got, err := Tracked(dir)
	if err != nil || !slices.Equal(got, []string{"a.yaml"}) {
		t.Errorf("Tracked = %v, %v; want [a.yaml]", got, err)
	}
	r, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	sub := filepath.Join(r.Top, "sub")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	if r, err := Open(sub); err != nil || r.Prefix != "sub/" {
		t.Errorf("Open(sub) = %+v, %v; want prefix sub/", r, err)
	}
}
