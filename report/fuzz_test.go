package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// FuzzWrite renders arbitrary findings in every format: JSON and SARIF
// must stay valid (SARIF also against the official schema), and text must
// stay exactly one line per unsuppressed finding, whatever the message,
// file name or positions hold.
func FuzzWrite(f *testing.F) {
	f.Add("a.yaml", "plain message", "spec.hosts[0]", 3, 5, 3, 9, false, "ns", "name")
	f.Add("dir with space/ü.yaml", "line\nbreak\r\u2028and \x1b[31mescape", "", 0, 0, -1, -1, true, "", "")
	f.Add("../up.yaml", "\"quotes\" and <html> & \\", `metadata.annotations["a.b/c"]`, 1<<30, 1, 1, 0, false, "x", "")
	schema := compileSARIFSchema(f)
	f.Fuzz(func(t *testing.T, file, msg, path string, line, col, endLine, endCol int, suppressed bool, ns, name string) {
		fd := &analyzers.Finding{
			Rule: ruleSubset, Severity: analyzers.SeverityError, Message: msg, Path: path,
			Location:   graph.Location{File: file, Range: graph.Range{Start: graph.Position{Line: line, Column: col}, End: graph.Position{Line: endLine, Column: endCol}}},
			Suppressed: suppressed,
			Related:    []graph.RelatedLocation{{Location: graph.Location{File: file, Range: graph.Range{Start: graph.Position{Line: endLine, Column: col}}}, Message: msg}},
		}
		if name != "" {
			fd.Resource = &graph.Resource{APIVersion: "networking.istio.io/v1", Kind: "VirtualService", Namespace: ns, Name: name}
		}
		rep := &analyzers.Report{Findings: []*analyzers.Finding{fd}, Rules: []*analyzers.Rule{ruleSubset}}
		rep.Count()
		for _, format := range Formats() {
			var buf bytes.Buffer
			if err := Write(&buf, format, rep, Options{ToolVersion: "fuzz"}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			checkOutput(t, format, buf.Bytes(), suppressed, schema)
		}
	})
}

func checkOutput(t *testing.T, format string, out []byte, suppressed bool, schema interface{ Validate(any) error }) {
	switch format {
	case "text":
		want := 1
		if suppressed {
			want = 0
		}
		if got := strings.Count(string(out), "\n"); got != want {
			t.Fatalf("text: %d lines, want %d: %q", got, want, out)
		}
	case "json", "sarif":
		var doc any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%s is not valid JSON: %v", format, err)
		}
		if format == "sarif" {
			if err := schema.Validate(doc); err != nil {
				t.Fatalf("SARIF fails the schema: %v\n%s", err, out)
			}
		}
	}
}
