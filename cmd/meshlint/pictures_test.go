package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCoverageFailUnder(t *testing.T) {
	// The example mesh: 6 of its 7 workloads in the mesh, 85.7%.
	cases := []struct {
		args []string
		code int
	}{
		{[]string{"coverage", "../../examples"}, exitClean},
		{[]string{"coverage", "--fail-under", "85", "../../examples"}, exitClean},
		{[]string{"coverage", "--fail-under", "90", "../../examples"}, exitFindings},
		{[]string{"coverage", "--fail-under", "101", "../../examples"}, exitUsage},
		{[]string{"coverage", "-o", "sarif", "../../examples"}, exitUsage},
	}
	for _, c := range cases {
		code, _, errOut := runCLI(t, "", c.args...)
		if code != c.code {
			t.Errorf("meshlint %s: exit %d, want %d\n%s", strings.Join(c.args, " "), code, c.code, errOut)
		}
	}
}

func TestGraphCommand(t *testing.T) {
	if code, _, _ := runCLI(t, "", "graph", "-o", "text", "../../examples"); code != exitUsage {
		t.Errorf("graph -o text: exit %d, want %d", code, exitUsage)
	}
	if code, _, errOut := runCLI(t, "", "graph", "--focus", "nowhere", "../../examples"); code != exitUsage || !strings.Contains(errOut, "--focus nowhere") {
		t.Errorf("graph --focus nowhere: exit %d\n%s", code, errOut)
	}
	out := filepath.Join(t.TempDir(), "g.mmd")
	code, stdout, errOut := runCLI(t, "", "graph", "-o", "mermaid", "--output", out, "--focus", "../../examples/bookinfo/reviews.yaml", "--depth", "1", "../../examples")
	data, _ := os.ReadFile(out)
	if code != exitClean || stdout != "" || !strings.HasPrefix(string(data), "flowchart LR") || !strings.Contains(string(data), "reviews-v3") || strings.Contains(string(data), "ratings") {
		t.Errorf("graph --output --focus FILE: exit %d, stdout %q\n%s\n%s", code, stdout, errOut, data)
	}
	code, stdout, _ = runCLI(t, "", "help")
	if code != exitClean || !strings.Contains(stdout, "meshlint graph [-o dot|mermaid|json]") || !strings.Contains(stdout, "meshlint coverage [-o text|json|markdown]") {
		t.Errorf("--help does not list graph and coverage:\n%s", stdout)
	}
}
