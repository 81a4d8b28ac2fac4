package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/lint"
)

// TestIstioctlDocUpToDate: docs/istioctl.md lists, for every istioctl
// analyzer a rule reproduces, that rule on the analyzer's row.
func TestIstioctlDocUpToDate(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "istioctl.md"))
	if err != nil {
		t.Fatal(err)
	}
	rows := map[string]string{}
	for _, line := range strings.Split(string(doc), "\n") {
		if strings.HasPrefix(line, "| `") {
			rows[strings.Trim(strings.SplitN(line, "|", 3)[1], " `")] = line
		}
	}
	all, err := lint.Catalog(nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range all {
		for _, a := range r.IstioAnalyzers {
			if !strings.Contains(rows[a], "["+r.ID+"]") {
				t.Errorf("docs/istioctl.md: the row of %s does not list %s %s", a, r.ID, r.Name)
			}
		}
	}
}
