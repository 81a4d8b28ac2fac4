package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaselineWorkflow: record the findings of a mesh, then only new
// findings fail the run, and fixed ones are reported as stale.
func TestBaselineWorkflow(t *testing.T) {
	dir := t.TempDir()
	mesh := filepath.Join(dir, "mesh.yaml")
	base := filepath.Join(dir, "meshlint-baseline.json")
	broken, err := os.ReadFile("testdata/broken.yaml")
	if err != nil {
		t.Fatal(err)
	}
	write := func(content string) {
		t.Helper()
		if err := os.WriteFile(mesh, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(string(broken))

	code, out, errOut := runCLI(t, "", "--write-baseline", base, mesh)
	if code != 0 || out != "" || !strings.Contains(errOut, "in the baseline") {
		t.Fatalf("--write-baseline: code %d, stdout %q, stderr %q", code, out, errOut)
	}
	recorded, err := os.ReadFile(base)
	if err != nil || !strings.Contains(string(recorded), `"rule": "ML1103"`) {
		t.Fatalf("baseline not written (%v): %s", err, recorded)
	}
	if info, _ := os.Stat(base); info.Mode().Perm() != 0o644 {
		t.Errorf("baseline mode %v; want 0644", info.Mode().Perm())
	}

	// Lines shift above every finding: they are still the known ones.
	write("# a comment\n\n" + string(broken))
	code, out, errOut = runCLI(t, "", "--baseline", base, mesh)
	if code != 0 || out != "" || !strings.Contains(errOut, "0 errors") {
		t.Fatalf("--baseline after a line shift: code %d, stdout %q, stderr %q", code, out, errOut)
	}

	// A new mistake is reported, alone.
	write(string(broken) + "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: extra}\nspec: {hosts: [extra], http: [{route: [{destination: {host: nowhere}}]}]}\n")
	code, out, _ = runCLI(t, "", "--baseline", base, mesh)
	if code != 1 || strings.Count(out, "\n") != 1 || !strings.Contains(out, "nowhere") {
		t.Fatalf("new finding: code %d, stdout %q", code, out)
	}
	// JSON keeps the known findings, marked suppressed.
	_, out, _ = runCLI(t, "", "-o", "json", "--baseline", base, mesh)
	if !strings.Contains(out, `"suppressed": true`) || !strings.Contains(out, `"suppressed": false`) {
		t.Errorf("json does not mark baseline findings: %s", out)
	}

	// Fixing everything leaves stale entries, which the summary mentions.
	write("apiVersion: v1\nkind: Service\nmetadata: {name: ok}\nspec: {ports: [{name: http, port: 80}]}\n")
	code, _, errOut = runCLI(t, "", "--baseline", base, mesh)
	if code != 0 || !strings.Contains(errOut, "no longer found") {
		t.Errorf("stale baseline: code %d, stderr %q", code, errOut)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{\n  \"version\": \"1\",\n  \"findings\": [\n    {\"fingerprint\": 5}\n  ]\n}\n"), 0o644)
	old := filepath.Join(dir, "old.json")
	os.WriteFile(old, []byte(`{"version": "0", "findings": []}`), 0o644)
	tests := []struct {
		name string
		args []string
		want string
	}{
		{"missing baseline", []string{"--baseline", filepath.Join(dir, "nope.json")}, "--baseline: " + filepath.Join(dir, "nope.json") + ": no such file or directory"},
		{"not a baseline", []string{"--baseline", bad}, "bad.json:4:"},
		{"wrong version", []string{"--baseline", old}, `version is "0"`},
		{"unwritable baseline", []string{"--write-baseline", filepath.Join(dir, "no", "dir", "b.json")}, "--write-baseline: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append(tt.args, "testdata/broken.yaml")...)
			if code != 2 || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("code %d, stdout %q, stderr %q; want exit 2 and %q", code, out, errOut, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("files left behind: %v", entries)
	}
}
