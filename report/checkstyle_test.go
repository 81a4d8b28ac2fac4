package report

import (
	"bytes"
	"encoding/xml"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

// checkstyleDoc is a Checkstyle document as a consumer decodes it.
type checkstyleDoc struct {
	XMLName xml.Name `xml:"checkstyle"`
	Version string   `xml:"version,attr"`
	Files   []struct {
		Name   string `xml:"name,attr"`
		Errors []struct {
			Line     int    `xml:"line,attr"`
			Column   string `xml:"column,attr"` // a string, to tell absent from 0
			Severity string `xml:"severity,attr"`
			Message  string `xml:"message,attr"`
			Source   string `xml:"source,attr"`
		} `xml:"error"`
	} `xml:"file"`
}

// decodeCheckstyle parses out strictly, as a conforming XML parser would:
// encoding/xml rejects characters XML 1.0 does not allow.
func decodeCheckstyle(t *testing.T, out []byte) checkstyleDoc {
	t.Helper()
	var doc checkstyleDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, out)
	}
	return doc
}

func TestCheckstyleSample(t *testing.T) {
	out := render(t, "checkstyle", sampleReport())
	if !bytes.HasPrefix(out, []byte(checkstyleHeader)) {
		t.Errorf("output does not start with the XML declaration and <checkstyle version=\"5.0\">:\n%s", out)
	}
	doc := decodeCheckstyle(t, out)
	if doc.Version != "5.0" || len(doc.Files) != 2 || doc.Files[0].Name != "mesh/broken.yaml" || doc.Files[1].Name != "mesh/reviews.yaml" {
		t.Fatalf("got %+v, want files mesh/broken.yaml and mesh/reviews.yaml", doc)
	}
	if errs := doc.Files[1].Errors; len(errs) != 2 {
		t.Fatalf("mesh/reviews.yaml has %d errors, want 2 (the suppressed finding left out)", len(errs))
	}
	e := doc.Files[1].Errors[1]
	if e.Line != 20 || e.Column != "5" || e.Severity != "warning" || e.Source != "ML2001" ||
		e.Message != sampleReport().Findings[2].Message { // newline and tab survive the attribute
		t.Errorf("error = %+v", e)
	}
	// The syntax error has a column; one without gets none, not column="0".
	rep := &analyzers.Report{Findings: []*analyzers.Finding{{Rule: ruleSyntax, Severity: analyzers.SeverityInfo, Location: loc("x.yaml", 0, 0, 0, 0)}}}
	got := decodeCheckstyle(t, render(t, "checkstyle", rep)).Files[0].Errors[0]
	if got.Line != 1 || got.Column != "" || got.Severity != "info" {
		t.Errorf("finding without a position: %+v, want line 1, no column, severity info", got)
	}
}

// TestCheckstyleGrouping: one <file> per file, sorted, each with its
// findings in report order, however the report interleaves them.
func TestCheckstyleGrouping(t *testing.T) {
	var findings []*analyzers.Finding
	for i, file := range []string{"b.yaml", "a.yaml", "b.yaml", "c/a.yaml", "a.yaml", "b.yaml"} {
		findings = append(findings, &analyzers.Finding{
			Rule: ruleSubset, Severity: analyzers.SeverityError, Message: string(rune('0' + i)),
			Location: loc(file, 10-i, 1, 0, 0), Suppressed: file == "c/a.yaml",
		})
	}
	doc := decodeCheckstyle(t, render(t, "checkstyle", &analyzers.Report{Findings: findings}))
	got := map[string]string{}
	var names []string
	for _, f := range doc.Files {
		names = append(names, f.Name)
		for _, e := range f.Errors {
			got[f.Name] += e.Message
		}
	}
	if want := []string{"a.yaml", "b.yaml"}; !reflect.DeepEqual(names, want) {
		t.Errorf("files %q, want %q (sorted, once each, none for only suppressed findings)", names, want)
	}
	if want := map[string]string{"a.yaml": "14", "b.yaml": "025"}; !reflect.DeepEqual(got, want) {
		t.Errorf("messages per file %q, want %q (report order)", got, want)
	}
}

// TestCheckstyleHostileText: XML 1.0 cannot carry NUL, ESC, most other
// control characters or invalid UTF-8, even escaped; they become U+FFFD
// and the document stays well-formed. Markup characters round-trip.
func TestCheckstyleHostileText(t *testing.T) {
	tests := []struct{ in, want string }{
		{"nul\x00esc\x1b[31mbell\x07", "nul\uFFFDesc\uFFFD[31mbell\uFFFD"},
		{"bad \xff\xfe utf-8", "bad \uFFFD\uFFFD utf-8"},
		{"nonchar \uFFFE", "nonchar \uFFFD"},
		{`"quotes" 'apos' <tag> & ]]> --> <!--`, `"quotes" 'apos' <tag> & ]]> --> <!--`},
		{"tab\tcr\rlf\n", "tab\tcr\rlf\n"},
		{"ünïcode \u2028 \u0085", "ünïcode \u2028 \u0085"},
	}
	for _, tt := range tests {
		rep := &analyzers.Report{Findings: []*analyzers.Finding{{
			Rule: ruleSubset, Severity: analyzers.SeverityError, Message: tt.in, Location: loc(tt.in, 1, 1, 1, 1),
		}}}
		out := render(t, "checkstyle", rep)
		if bytes.ContainsAny(out, "\x00\x1b\x07") || !strings.HasSuffix(string(out), "</checkstyle>\n") {
			t.Errorf("message %q: raw control characters or a truncated document:\n%q", tt.in, out)
		}
		doc := decodeCheckstyle(t, out)
		if f := doc.Files[0]; f.Name != tt.want || f.Errors[0].Message != tt.want {
			t.Errorf("message %q read back as name %q, message %q, want %q", tt.in, f.Name, f.Errors[0].Message, tt.want)
		}
	}
}
