package lint_test

import (
	"bytes"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"testing"

	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report"
)

// FuzzLintAndReport runs the whole pipeline on arbitrary input: every rule
// over whatever graph it builds, then every output format. JSON and SARIF
// must stay valid JSON and text must stay one line per finding.
func FuzzLintAndReport(f *testing.F) {
	f.Add([]byte("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: x}\nspec:\n  hosts: [r]\n  gateways: [gw]\n  http:\n  - match: [{uri: {prefix: /a}}]\n    route: [{destination: {host: \"r\\nx\", subset: v9}}]\n"))
	f.Add([]byte("apiVersion: v1\nkind: Namespace\nmetadata: {name: x}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d, namespace: x}\nspec: {template: {metadata: {labels: {a: b}}}}\n"))
	f.Add([]byte("apiVersion: networking.istio.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec: {selector: {istio: nope}}\n---\nkind: DestinationRule\napiVersion: networking.istio.io/v1\nmetadata: {name: d}\nspec: {host: \"*.x\", subsets: [{name: a}]}\n"))
	// Every fixture is a seed: the fuzzer starts from documents that reach
	// every rule.
	for _, dir := range []string{"../testdata/rules", "../testdata/hostile", "../examples"} {
		for _, file := range analysistest.Sources(f, dir) {
			if data, err := os.ReadFile(file); err == nil {
				f.Add(data)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rep, err := lint.Lint(context.Background(), []source.Source{{Path: "in.yaml", Content: data}}, lint.DefaultOptions())
		if err != nil {
			t.Fatal(err)
		}
		for _, format := range report.Formats() {
			var buf bytes.Buffer
			if err := report.Write(&buf, format, rep.Report, report.Options{ToolVersion: "fuzz"}); err != nil {
				t.Fatalf("%s: %v", format, err)
			}
			checkFormat(t, format, buf.Bytes(), len(rep.Findings))
		}
	})
}

// checkFormat checks what every output must be, whatever the findings say:
// JSON formats parse, checkstyle is well-formed XML, and the line formats
// have one line per finding (none is suppressed here).
func checkFormat(t *testing.T, format string, out []byte, findings int) {
	switch format {
	case "json", "sarif", "gitlab":
		if !json.Valid(out) {
			t.Fatalf("%s output is not valid JSON:\n%s", format, out)
		}
	case "text", "github":
		if got := bytes.Count(out, []byte("\n")); got != findings {
			t.Fatalf("%s has %d lines for %d findings:\n%s", format, got, findings, out)
		}
	case "checkstyle", "junit":
		dec := xml.NewDecoder(bytes.NewReader(out))
		for {
			_, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s output is not well-formed XML: %v\n%s", format, err, out)
			}
		}
	case "markdown":
		if findings == 0 && bytes.Count(out, []byte("\n")) != 1 {
			t.Fatalf("markdown of a clean run is not one line:\n%s", out)
		}
	default:
		t.Fatalf("format %q is not checked here: add it", format)
	}
}
