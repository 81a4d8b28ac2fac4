// Package pictures renders meshlint's graph of the example mesh with the
// real tools: Graphviz (dot -Tsvg, -Tpng) and Mermaid's own CLI (mmdc,
// driving Debian's chromium), which fails on a parse error. The broken
// references of the example must come out red, named with their rules.
package pictures

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/integration/itest"
)

// The rules the example mesh's broken references are reported by.
var brokenRules = []string{"ML1101", "ML1102", "ML1103", "ML1104", "ML1105"}

const red = "#d1242f"

func graphOf(t *testing.T, format string) []byte {
	t.Helper()
	cmd := exec.Command(filepath.Join(itest.Binary(t), "meshlint"), "graph", "-o", format, "examples")
	cmd.Dir = itest.Root()
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("meshlint graph -o %s examples: %v", format, err)
	}
	return out
}

func TestDotRendersTheExample(t *testing.T) {
	itest.Require(t, "dot")
	src := graphOf(t, "dot")
	for _, format := range []string{"svg", "png"} {
		cmd := exec.Command("dot", "-T"+format)
		cmd.Stdin = bytes.NewReader(src)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		out, err := cmd.Output()
		if err != nil || stderr.Len() > 0 {
			t.Fatalf("dot -T%s: %v\n%s", format, err, stderr.String())
		}
		if format == "png" && !bytes.HasPrefix(out, []byte("\x89PNG")) {
			t.Errorf("dot -Tpng wrote no PNG")
		}
		if format == "svg" {
			checkBroken(t, "dot -Tsvg", string(out))
		}
	}
}

func TestMermaidCLIRendersTheExample(t *testing.T) {
	mmdc := mermaidCLI(t)
	dir := t.TempDir()
	in := filepath.Join(dir, "graph.mmd")
	if err := os.WriteFile(in, graphOf(t, "mermaid"), 0o644); err != nil {
		t.Fatal(err)
	}
	svg := render(t, mmdc, in, true)
	checkBroken(t, "mmdc", svg)
	// The check is real: mmdc fails on what Mermaid cannot parse.
	bad := filepath.Join(dir, "bad.mmd")
	if err := os.WriteFile(bad, []byte("flowchart LR\n  a -->|\"open| b\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	render(t, mmdc, bad, false)
}

// mermaidCLI is make integration's mmdc (MESHLINT_MMDC), else one on PATH.
func mermaidCLI(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("MESHLINT_MMDC"); p != "" {
		itest.Require(t, "chromium")
		if !filepath.IsAbs(p) {
			p = filepath.Join(itest.Root(), p)
		}
		return p
	}
	itest.Require(t, "mmdc", "chromium")
	return "mmdc"
}

func render(t *testing.T, mmdc, in string, wantOK bool) string {
	t.Helper()
	out := strings.TrimSuffix(in, ".mmd") + ".svg"
	cmd := exec.Command(mmdc, "--quiet", "-p", filepath.Join(itest.Root(), "integration", "pictures", "puppeteer.json"), "-i", in, "-o", out)
	msg, err := cmd.CombinedOutput()
	if wantOK != (err == nil) {
		t.Fatalf("mmdc on %s: error %v, want ok=%v\n%s", filepath.Base(in), err, wantOK, msg)
	}
	if !wantOK {
		return ""
	}
	svg, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return string(svg)
}

func checkBroken(t *testing.T, tool, svg string) {
	t.Helper()
	if !strings.Contains(strings.ToLower(svg), red) {
		t.Errorf("%s: no red in the picture", tool)
	}
	for _, id := range brokenRules {
		if !strings.Contains(svg, id) {
			t.Errorf("%s: %s is not in the picture", tool, id)
		}
	}
}
