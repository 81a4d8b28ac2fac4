package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files of TestGoldenOutputs")

// TestGoldenOutputs pins every output format over the fixtures, the
// example mesh and the hostile suite, and the rule catalogue: a change to
// any of them must be deliberate (go test -run TestGoldenOutputs -update).
func TestGoldenOutputs(t *testing.T) {
	// Markdown links would otherwise point at the CI run's commit.
	t.Setenv("GITHUB_SHA", "")
	t.Setenv("CI_COMMIT_SHA", "")
	inputs := map[string]string{
		"rules":    "../../testdata/rules",
		"examples": "../../examples",
		"hostile":  "../../testdata/hostile",
	}
	var cases [][2]string // golden name, args joined by spaces
	for name, dir := range inputs {
		for _, format := range []string{"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit", "markdown"} {
			failOn := "none"
			if format == "junit" { // info findings pass, the others fail: both kinds of testcase
				failOn = "warning"
			}
			cases = append(cases, [2]string{name + "." + format, "--fail-on " + failOn + " -o " + format + " " + dir})
		}
	}
	for _, format := range []string{"text", "json"} {
		cases = append(cases, [2]string{"catalogue." + format, "rules --format " + format})
	}
	for _, format := range []string{"dot", "mermaid", "json"} {
		cases = append(cases, [2]string{"examples.graph." + format, "graph -o " + format + " ../../examples"})
	}
	for _, format := range []string{"text", "json", "markdown"} {
		cases = append(cases, [2]string{"examples.coverage." + format, "coverage -o " + format + " ../../examples"})
	}
	for _, c := range cases {
		t.Run(c[0], func(t *testing.T) {
			code, out, errOut := runCLI(t, "", strings.Fields(c[1])...)
			if code != exitClean && (code != exitFindings || !strings.Contains(c[1], "--fail-on warning")) {
				t.Fatalf("meshlint %s: exit %d\n%s", c[1], code, errOut)
			}
			checkGolden(t, filepath.Join("testdata", "golden", c[0]), out)
		})
	}
}

func checkGolden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -run TestGoldenOutputs -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("output differs from %s (go test -run TestGoldenOutputs -update rewrites it after review):\n%s", path, firstDifference(string(want), got))
	}
}

// firstDifference shows the first line where want and got part.
func firstDifference(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want: %s\n  got:  %s", i+1, w, g)
		}
	}
	return "(no line differs)"
}

// TestJUnitGoldensValidate checks the CLI's JUnit reports (fixtures,
// example mesh, hostile suite) against the Jenkins xUnit plugin's schema,
// when xmllint is installed (Debian: libxml2-utils).
func TestJUnitGoldensValidate(t *testing.T) {
	xmllint := needTool(t, "xmllint", "Debian: apt-get install libxml2-utils")
	for _, name := range []string{"rules", "examples", "hostile"} {
		golden := filepath.Join("testdata", "golden", name+".junit")
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("..", "..", "report", "testdata", "junit.xsd"), golden).CombinedOutput()
		if err != nil {
			t.Errorf("%s fails junit.xsd: %v\n%s", golden, err, out)
		}
	}
}
