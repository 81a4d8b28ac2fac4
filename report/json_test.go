package report

import (
	"bytes"
	"encoding/json"
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

// TestJSONContract decodes the output generically and checks it against
// the field names DESIGN.md documents: they may be added to, never renamed.
func TestJSONContract(t *testing.T) {
	out := render(t, "json", sampleReport())
	if !strings.HasSuffix(string(out), "}\n") || !strings.HasPrefix(string(out), "{\n  \"version\": \"1\",\n") {
		t.Errorf("want two-space indented JSON with a trailing newline, got:\n%s", out)
	}
	var doc map[string]any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	wantKeys(t, "document", doc, "version", "findings", "summary")
	if doc["version"] != "1" {
		t.Errorf("version = %v, want \"1\"", doc["version"])
	}
	wantKeys(t, "summary", doc["summary"], "files", "documents", "resources", "error", "warning", "info", "suppressed", "notObjects")
	findings := doc["findings"].([]any)
	if len(findings) != 4 {
		t.Fatalf("got %d findings, want 4 (suppressed ones included)", len(findings))
	}
	for i, f := range findings {
		checkJSONFinding(t, i, f.(map[string]any))
	}
}

func checkJSONFinding(t *testing.T, i int, f map[string]any) {
	t.Helper()
	keys := []string{"rule", "name", "severity", "message", "istio", "path", "location", "related", "suppressed"}
	// Finding 0, the YAML syntax error, belongs to no resource: the whole
	// resource object is omitted rather than written empty.
	if i != 0 {
		keys = append(keys, "resource")
		wantKeys(t, "resource", f["resource"], "apiVersion", "kind", "namespace", "name")
	}
	// A suppressed finding says what suppressed it; the others do not.
	if f["suppressed"] == true {
		keys = append(keys, "suppression")
		wantKeys(t, "suppression", f["suppression"], "kind")
	}
	wantKeys(t, "finding", f, keys...)
	wantKeys(t, "location", f["location"], "file", "line", "column", "endLine", "endColumn")
	for _, field := range []string{"istio", "related"} {
		if _, ok := f[field].([]any); !ok {
			t.Errorf("finding %d: %s = %#v, want an array (even when empty)", i, field, f[field])
		}
	}
	for _, r := range f["related"].([]any) {
		wantKeys(t, "related", r, "file", "line", "column", "message")
	}
}

func wantKeys(t *testing.T, what string, v any, want ...string) {
	t.Helper()
	obj, ok := v.(map[string]any)
	if !ok {
		t.Errorf("%s = %#v, want an object", what, v)
		return
	}
	var got []string
	for k := range obj {
		got = append(got, k)
	}
	sort.Strings(got)
	want = append([]string(nil), want...)
	sort.Strings(want)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%s keys = %q, want %q", what, got, want)
	}
}

func TestJSONValues(t *testing.T) {
	var doc struct {
		Findings []struct {
			Rule, Severity, Message string
			Istio                   []string
			Location                struct{ Line, EndColumn int }
			Suppressed              bool
		}
		Summary map[string]int
	}
	if err := json.Unmarshal(render(t, "json", sampleReport()), &doc); err != nil {
		t.Fatal(err)
	}
	f := doc.Findings[1]
	if f.Rule != "ML1102" || f.Severity != "error" || !reflect.DeepEqual(f.Istio, []string{"IST0101"}) ||
		f.Location.Line != 12 || f.Location.EndColumn != 11 {
		t.Errorf("finding 1 = %+v", f)
	}
	// JSON keeps the message as written: only the text format flattens it.
	if !strings.Contains(doc.Findings[2].Message, "\n\t") {
		t.Errorf("message lost its newline: %q", doc.Findings[2].Message)
	}
	if !doc.Findings[3].Suppressed || doc.Findings[3].Severity != "info" {
		t.Errorf("finding 3 = %+v, want suppressed info", doc.Findings[3])
	}
	wantSummary := map[string]int{"files": 3, "documents": 5, "resources": 4, "error": 2, "warning": 1, "info": 0, "suppressed": 1, "notObjects": 0}
	if !reflect.DeepEqual(doc.Summary, wantSummary) {
		t.Errorf("summary = %v, want %v", doc.Summary, wantSummary)
	}
}

// TestStreamedArraysAsWhole checks that the JSON, SARIF and GitLab reports,
// written an item at a time, are the bytes encoding the whole document
// gives.
func TestStreamedArraysAsWhole(t *testing.T) {
	odd := sampleReport()
	odd.Findings[0].Message = "<script> & \"quotes\" \u2028 é \x01 \"results\": null"
	for name, rep := range map[string]*analyzers.Report{
		"sample": sampleReport(), "empty": {}, "many": manyFindings(3), "odd": odd,
	} {
		compareWhole(t, name+" json", jsonReportOf(rep), render(t, "json", rep))
		compareWhole(t, name+" sarif", sarifLogOf(rep, Options{ToolVersion: "0.1.0"}), render(t, "sarif", rep))
		compareWhole(t, name+" gitlab", gitlabIssuesOf(rep), render(t, "gitlab", rep))
	}
}

func compareWhole(t *testing.T, name string, doc any, got []byte) {
	t.Helper()
	var whole bytes.Buffer
	if err := encodeIndented(&whole, doc); err != nil {
		t.Fatal(err)
	}
	if whole.String() != string(got) {
		t.Errorf("%s: streamed output differs:\n%s\nwant:\n%s", name, got, whole.String())
	}
}

// A suppression written in the manifest shows in JSON with its reason; the
// baseline's as such, without one.
func TestJSONSuppression(t *testing.T) {
	rep := sampleReport()
	f := rep.Findings[2]
	f.Suppressed, f.InSource, f.Reason = true, true, "the route is matched upstream"
	var doc struct {
		Findings []struct {
			Suppressed  bool
			Suppression *struct{ Kind, Reason string }
		}
	}
	if err := json.Unmarshal(render(t, "json", rep), &doc); err != nil {
		t.Fatal(err)
	}
	want := []*struct{ Kind, Reason string }{nil, nil, {"inSource", f.Reason}, {"baseline", ""}}
	for i, w := range want {
		got := doc.Findings[i].Suppression
		if (got == nil) != (w == nil) || got != nil && *got != *w {
			t.Errorf("finding %d: suppression %+v, want %+v", i, got, w)
		}
	}
}
