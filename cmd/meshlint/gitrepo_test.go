package main

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// Manifests of a small mesh for the git tests: a Service r, a
// VirtualService routing to its subset v1, DestinationRules with and
// without that subset, and an old mistake (a route to a host nowhere).
const (
	meshSvc = "apiVersion: v1\nkind: Service\nmetadata: {name: r, namespace: web}\nspec:\n  ports: [{name: http, port: 80}]\n"
	meshVS  = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: web}\n" +
		"spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: v1}\n"
	meshDR = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r, namespace: web}\n" +
		"spec:\n  host: r\n  subsets:\n  - {name: v1, labels: {version: v1}}\n"
	meshDRNoV1 = "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r, namespace: web}\n" +
		"spec:\n  host: r\n  subsets:\n  - {name: v2, labels: {version: v2}}\n"
	meshOldMistake = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: o, namespace: web}\n" +
		"spec:\n  hosts: [o]\n  http:\n  - route:\n    - destination: {host: nowhere}\n"
)

// gitTree writes files into a new git repository, commits them on branch
// main, and makes the repository the working directory for the test.
func gitTree(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := writeTree(t, files)
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	gitIn(t, dir, "init", "-q", "-b", "main")
	gitIn(t, dir, "config", "user.email", "t@example.com")
	gitIn(t, dir, "config", "user.name", "t")
	gitIn(t, dir, "add", "-A")
	gitIn(t, dir, "commit", "-q", "-m", "first")
	return dir
}

func gitIn(t *testing.T, dir string, args ...string) string {
	t.Helper()
	out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
	if err != nil {
		t.Fatalf("git %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return strings.TrimSpace(string(out))
}

// expectRun runs the command and checks its exit code, that stdout and
// stderr together hold each of want, and that stdout has exactly lines
// lines (-1: any number).
func expectRun(t *testing.T, args []string, code, lines int, want ...string) {
	t.Helper()
	got, out, errOut := runCLI(t, "", args...)
	if got != code {
		t.Errorf("meshlint %s: exit %d, want %d\n%s%s", strings.Join(args, " "), got, code, out, errOut)
	}
	if n := strings.Count(out, "\n"); lines >= 0 && n != lines {
		t.Errorf("meshlint %s: %d lines on stdout, want %d\n%s", strings.Join(args, " "), n, lines, out)
	}
	for _, w := range want {
		if !strings.Contains(out+errOut, w) {
			t.Errorf("meshlint %s: output lacks %q\n%s%s", strings.Join(args, " "), w, out, errOut)
		}
	}
}
