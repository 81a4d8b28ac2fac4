package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInit(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, ".meshlint.yaml")
	if code, out, errOut := runCLI(t, "", "init", dir); code != 0 || !strings.Contains(out, "wrote "+path) {
		t.Fatalf("init: exit %d\n%s%s", code, out, errOut)
	}
	got, err := os.ReadFile(path)
	if err != nil || !bytes.Equal(got, starterConfig) {
		t.Fatalf("init wrote %q (%v)", got, err)
	}
	if err := os.WriteFile(path, []byte("failOn: warning\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, _, errOut := runCLI(t, "", "init", dir)
	if code != exitUsage || !strings.Contains(errOut, "exists; --force replaces it") {
		t.Errorf("init over an existing config: exit %d, %q; want 2 and a refusal", code, errOut)
	}
	if got, _ := os.ReadFile(path); string(got) != "failOn: warning\n" {
		t.Errorf("the refused init changed the file: %q", got)
	}
	if code, _, errOut := runCLI(t, "", "init", "--force", dir); code != 0 {
		t.Errorf("init --force: exit %d %s", code, errOut)
	}
	if got, _ := os.ReadFile(path); !bytes.Equal(got, starterConfig) {
		t.Error("init --force did not replace the config")
	}
	// The starter config is a working config: linting with it succeeds.
	if err := os.WriteFile(filepath.Join(dir, "svc.yaml"), []byte("apiVersion: v1\nkind: Namespace\nmetadata: {name: a}\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if code, out, errOut := runCLI(t, "", "--config", path, dir); code != 0 {
		t.Errorf("lint with the starter config: exit %d\n%s%s", code, out, errOut)
	}
}
