package report

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// FuzzWrite renders arbitrary findings in every format: JSON and SARIF
// must stay valid (SARIF also against the official schema), GitLab's a
// JSON array of the unsuppressed findings, Checkstyle well-formed XML,
// JUnit well-formed and shaped as its schema says, Markdown without raw
// HTML or broken table rows, and
// text and GitHub's workflow commands exactly one line per unsuppressed
// finding (the commands also reading back as written), whatever the
// message, file name or positions hold.
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
			checkOutput(t, format, buf.Bytes(), fd, schema)
		}
	})
}

func checkOutput(t *testing.T, format string, out []byte, fd *analyzers.Finding, schema interface{ Validate(any) error }) {
	want := 1 // lines, issues or <error> elements: one per unsuppressed finding
	if fd.Suppressed {
		want = 0
	}
	switch format {
	case "text", "github":
		if got := strings.Count(string(out), "\n"); got != want {
			t.Fatalf("%s: %d lines, want %d: %q", format, got, want, out)
		}
		if format == "github" && want == 1 {
			if err := checkGitHubCommand(strings.TrimSuffix(string(out), "\n"), fd); err != nil {
				t.Fatalf("github: %v", err)
			}
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
	case "gitlab":
		checkGitLabFuzz(t, out, want)
	case "checkstyle":
		checkCheckstyleFuzz(t, out, want)
	case "junit":
		doc := decodeJUnit(t, out)
		if doc.Failures != want || doc.Tests < 1 {
			t.Fatalf("junit: %d failures in %d tests, want %d failures", doc.Failures, doc.Tests, want)
		}
	case "markdown":
		if err := checkMarkdownShape(string(out)); err != nil {
			t.Fatalf("markdown: %v\n%s", err, out)
		}
		if err := checkRenderedTags(markdownHTML(t, out)); err != nil {
			t.Fatalf("markdown: %v\n%s", err, out)
		}
	default:
		t.Fatalf("format %q is not checked here: add it", format)
	}
}

func checkGitLabFuzz(t *testing.T, out []byte, want int) {
	var doc gitlabDoc
	if err := json.Unmarshal(out, &doc); err != nil || doc == nil || len(doc) != want {
		t.Fatalf("gitlab: want a JSON array of %d issues (err %v): %s", want, err, out)
	}
	for _, issue := range doc {
		if len(issue.Fingerprint) != 64 || issue.Severity != "critical" || issue.Location.Positions.Begin.Line < 1 {
			t.Fatalf("gitlab: issue lacks a fingerprint, severity or line: %+v", issue)
		}
	}
}

func checkCheckstyleFuzz(t *testing.T, out []byte, want int) {
	var doc checkstyleDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("checkstyle is not well-formed XML: %v\n%q", err, out)
	}
	got := 0
	for _, f := range doc.Files {
		got += len(f.Errors)
	}
	if got != want || len(doc.Files) != want {
		t.Fatalf("checkstyle: %d files with %d errors, want %d of each:\n%q", len(doc.Files), got, want, out)
	}
}
