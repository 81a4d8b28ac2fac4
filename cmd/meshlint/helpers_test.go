package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// writeTree creates files (path → content) under a temporary directory.
func writeTree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, content := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// runInTree writes files to a temporary directory, runs the command there
// with args, and checks its exit code and that its output (stdout and
// stderr together) has each of want and none of dontWant.
func runInTree(t *testing.T, files map[string]string, args []string, wantCode int, want, dontWant []string) {
	t.Helper()
	dir := writeTree(t, files)
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	code, out, errOut := runCLI(t, "", args...)
	all := out + errOut
	if code != wantCode {
		t.Errorf("exit %d, want %d\n%s", code, wantCode, all)
	}
	for _, w := range want {
		if !strings.Contains(all, w) {
			t.Errorf("output lacks %q:\n%s", w, all)
		}
	}
	for _, w := range dontWant {
		if strings.Contains(all, w) {
			t.Errorf("output has %q:\n%s", w, all)
		}
	}
}

// writeFile writes a test file, creating its directory.
func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
