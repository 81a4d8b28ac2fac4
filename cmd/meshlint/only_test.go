package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestOnly: --only reports the findings of the given files, analyzed with
// every PATH, so that a reference into an unchanged file still resolves.
func TestOnly(t *testing.T) {
	dir := writeTree(t, map[string]string{
		// The VirtualService's subset is defined in another file: clean.
		"mesh/vs.yaml": "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: web}\n" +
			"spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: v1}\n",
		"mesh/dr.yaml": "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r, namespace: web}\n" +
			"spec:\n  host: r\n  subsets:\n  - {name: v1, labels: {version: v1}}\n",
		"mesh/svc.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: r, namespace: web}\nspec:\n  ports: [{name: http, port: 80}]\n",
		// An unrelated broken file, not in --only.
		"mesh/broken.yaml": "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: x, namespace: web}\n" +
			"spec:\n  hosts: [x]\n  http:\n  - route:\n    - destination: {host: nowhere}\n",
		// A changed file outside the PATH, with a finding.
		"other/new.yaml": "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: n, namespace: web}\n" +
			"spec:\n  hosts: [n]\n  http:\n  - route:\n    - destination: {host: r, subset: v9}\n",
		"README.md": "# not a manifest\n",
	})
	mesh, vs := filepath.Join(dir, "mesh"), filepath.Join(dir, "mesh", "vs.yaml")
	newFile, readme := filepath.Join(dir, "other", "new.yaml"), filepath.Join(dir, "README.md")
	deleted := filepath.Join(dir, "mesh", "deleted.yaml")

	code, out, errOut := runCLI(t, "", "--only", vs+","+readme+","+deleted, mesh)
	if code != 0 || out != "" {
		t.Errorf("--only a clean file: code %d, stdout %q, stderr %q; want 0 and nothing", code, out, errOut)
	}
	code, out, _ = runCLI(t, "", "--only", vs, "--only", newFile, mesh)
	if code != 1 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "new.yaml") || !strings.Contains(out, `"v9"`) {
		t.Errorf("--only a file outside the PATH: code %d, stdout %q; want its one finding", code, out)
	}
	code, out, _ = runCLI(t, "", mesh)
	if code != 1 || !strings.Contains(out, "broken.yaml") {
		t.Errorf("without --only: code %d, stdout %q; want the broken file's finding", code, out)
	}
	if _, err := os.Stat(deleted); err == nil {
		t.Fatal("the deleted file exists")
	}
}

// TestOnlyRelated: a change to one file can break another; the finding on
// the other file is reported when it points back at the changed one.
func TestOnlyRelated(t *testing.T) {
	dir := writeTree(t, map[string]string{
		"vs.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: r, namespace: web}\nspec:\n  ports: [{name: http, port: 80}]\n---\n" +
			"apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: web}\n" +
			"spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: v2}\n",
		// The change: subset v2 removed.
		"dr.yaml": "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r, namespace: web}\n" +
			"spec:\n  host: r\n  subsets:\n  - {name: v1, labels: {version: v1}}\n",
		"other.yaml": "apiVersion: v1\nkind: Service\nmetadata: {name: o, namespace: web}\nspec:\n  ports: [{name: http, port: 80}]\n",
	})
	code, out, _ := runCLI(t, "", "--only", filepath.Join(dir, "dr.yaml"), dir)
	if code != 1 || !strings.Contains(out, "vs.yaml:14:") || !strings.Contains(out, `subset "v2"`) {
		t.Errorf("--only dr.yaml: code %d, stdout %q; want the VirtualService's finding, which points at dr.yaml", code, out)
	}
	code, out, _ = runCLI(t, "", "--only", filepath.Join(dir, "other.yaml"), dir)
	if code != 0 || out != "" {
		t.Errorf("--only other.yaml: code %d, stdout %q; want nothing", code, out)
	}
}

// TestOnlyUnknownFile: an --only file that neither exists nor is deleted
// in git is most likely a typo, and a warning says so; a file deleted in a
// git work tree (staged or not) stays silent.
func TestOnlyUnknownFile(t *testing.T) {
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	svc := "apiVersion: v1\nkind: Service\nmetadata: {name: s}\nspec:\n  ports: [{name: http, port: 80}]\n"
	dir := writeTree(t, map[string]string{"deploy/svc.yaml": svc, "deploy/gone.yaml": svc, "old/staged.yaml": svc})
	git := func(args ...string) {
		cmd := exec.Command("git", append([]string{"-C", dir, "-c", "user.name=t", "-c", "user.email=t@example.com"}, args...)...)
		if out, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
	}
	git("init", "-q")
	git("add", ".")
	git("commit", "-q", "-m", "init")
	if err := os.Remove(filepath.Join(dir, "deploy", "gone.yaml")); err != nil {
		t.Fatal(err)
	}
	git("rm", "-q", "-r", "old")
	at := func(name string) string { return filepath.Join(dir, name) }
	tests := []struct {
		only string
		warn bool
	}{
		{at("deploy/svc.yaml"), false},
		{at("deploy/gone.yaml"), false},  // deleted, not staged
		{at("old/staged.yaml"), false},   // deleted with its directory, staged
		{at("deploy/svc.yml"), true},     // a typo
		{at("elsewhere/new.yaml"), true}, // nowhere
	}
	for _, tt := range tests {
		code, out, errOut := runCLI(t, "", "--only", tt.only, at("deploy"))
		warned := strings.Contains(errOut, "meshlint: warning: --only "+tt.only+": no such file")
		if code != 0 || out != "" || warned != tt.warn {
			t.Errorf("--only %s: code %d, stdout %q, stderr %q; want 0, nothing, warning %v", tt.only, code, out, errOut, tt.warn)
		}
	}
}

// TestNoManifestsFound: a PATH without manifests says so rather than
// "0 files"; it is not an error.
func TestNoManifestsFound(t *testing.T) {
	dir := writeTree(t, map[string]string{"README.md": "# docs\n"})
	code, out, errOut := runCLI(t, "", dir)
	if code != 0 || out != "" || !strings.HasPrefix(errOut, "meshlint: no manifests found under "+dir+" ") {
		t.Errorf("code %d, stdout %q, stderr %q; want 0 and no manifests found", code, out, errOut)
	}
}
