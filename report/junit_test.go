package report

import (
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

// junitDoc is a JUnit report as Jenkins and GitLab decode it.
type junitDoc struct {
	XMLName  xml.Name `xml:"testsuites"`
	Name     string   `xml:"name,attr"`
	Tests    int      `xml:"tests,attr"`
	Failures int      `xml:"failures,attr"`
	Suites   []struct {
		Name     string `xml:"name,attr"`
		File     string `xml:"file,attr"`
		Tests    int    `xml:"tests,attr"`
		Failures int    `xml:"failures,attr"`
		Skipped  int    `xml:"skipped,attr"`
		Cases    []struct {
			Name      string `xml:"name,attr"`
			Classname string `xml:"classname,attr"`
			Failure   *struct {
				Message string `xml:"message,attr"`
				Type    string `xml:"type,attr"`
				Text    string `xml:",chardata"`
			} `xml:"failure"`
			Skipped *struct {
				Message string `xml:"message,attr"`
			} `xml:"skipped"`
		} `xml:"testcase"`
	} `xml:"testsuite"`
}

func decodeJUnit(t testing.TB, out []byte) junitDoc {
	t.Helper()
	var doc junitDoc
	if err := xml.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not well-formed XML: %v\n%s", err, out)
	}
	if err := checkJUnitShape(out); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	return doc
}

// junitShape is what the JUnit schema (report/testdata/junit.xsd) allows of the elements the
// writer uses: the children and attributes of each, the required
// attributes starred. The schema itself is checked with xmllint when it
// is installed (TestJUnitSchema); this keeps plain `go test` honest.
var junitShape = map[string]struct{ children, attrs []string }{
	"":           {[]string{"testsuites"}, nil},
	"testsuites": {[]string{"testsuite"}, []string{"name", "time", "tests", "failures", "errors"}},
	"testsuite": {[]string{"testsuite", "properties", "testcase", "system-out", "system-err"},
		[]string{"*name", "*tests", "*failures", "*errors", "group", "time", "skipped", "timestamp", "hostname", "id", "package", "file", "log", "url"}},
	"testcase": {[]string{"skipped", "error", "failure", "system-out", "system-err"}, []string{"*name", "time", "classname", "group"}},
	"failure":  {nil, []string{"type", "message"}},
	"skipped":  {nil, []string{"type", "message"}},
}

func checkJUnitShape(out []byte) error {
	dec := xml.NewDecoder(bytes.NewReader(out))
	stack := []string{""}
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return err
		}
		switch el := tok.(type) {
		case xml.StartElement:
			parent := stack[len(stack)-1]
			if !slices.Contains(junitShape[parent].children, el.Name.Local) {
				return fmt.Errorf("<%s> is not allowed in <%s>", el.Name.Local, parent)
			}
			if err := checkJUnitAttrs(el); err != nil {
				return err
			}
			stack = append(stack, el.Name.Local)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
}

func checkJUnitAttrs(el xml.StartElement) error {
	allowed := junitShape[el.Name.Local].attrs
	have := map[string]bool{}
	for _, a := range el.Attr {
		if !slices.Contains(allowed, a.Name.Local) && !slices.Contains(allowed, "*"+a.Name.Local) {
			return fmt.Errorf("<%s> has attribute %s, which the schema does not allow", el.Name.Local, a.Name.Local)
		}
		if a.Name.Local == "time" && a.Value != "0" {
			return fmt.Errorf("<%s time=%q>: want 0 (deterministic output)", el.Name.Local, a.Value)
		}
		have[a.Name.Local] = true
	}
	for _, a := range allowed {
		if strings.HasPrefix(a, "*") && !have[a[1:]] {
			return fmt.Errorf("<%s> lacks the required attribute %s", el.Name.Local, a[1:])
		}
	}
	return nil
}

func TestJUnitSample(t *testing.T) {
	doc := decodeJUnit(t, render(t, "junit", sampleReport()))
	if doc.Name != "meshlint" || doc.Tests != 5 || doc.Failures != 3 || len(doc.Suites) != 3 {
		t.Fatalf("got %d tests, %d failures in %d suites, want 5, 3 in 3", doc.Tests, doc.Failures, len(doc.Suites))
	}
	reviews := doc.Suites[1]
	if reviews.Name != "mesh/reviews.yaml" || reviews.File != reviews.Name || reviews.Tests != 3 || reviews.Failures != 2 || reviews.Skipped != 1 {
		t.Errorf("suite = %+v, want mesh/reviews.yaml with 3 tests: 2 failed, 1 skipped (only suppressed findings)", reviews)
	}
	c := reviews.Cases[0]
	if c.Name != "ML1102 virtualservice-subset-not-found" || c.Classname != "mesh/reviews.yaml" || c.Failure == nil ||
		c.Failure.Type != "error" || !strings.HasPrefix(c.Failure.Message, `line 12: subset "v3"`) {
		t.Fatalf("testcase = %+v", c)
	}
	wantBody := "mesh/reviews.yaml:12:9: error: subset \"v3\" is not defined in any DestinationRule for host reviews.bookinfo.svc.cluster.local [ML1102 virtualservice-subset-not-found]\n" +
		"    mesh/reviews dr.yaml:3:1: DestinationRule reviews defines v1, v2\n"
	if !strings.HasPrefix(c.Failure.Text, wantBody) {
		t.Errorf("failure body:\n%s\nwant it to start with the finding and its related locations:\n%s", c.Failure.Text, wantBody)
	}
	var passing []string
	for _, pc := range doc.Suites[2].Cases {
		passing = append(passing, pc.Name)
	}
	if doc.Suites[2].Name != "meshlint" || !slices.Equal(passing, []string{"ML4001 peerauthentication-conflict"}) {
		t.Errorf("passing suite %s: %q, want only the rule that found nothing", doc.Suites[2].Name, passing)
	}
}

// TestJUnitGrouping: one testcase per rule and file whatever the order of
// the findings, all of a rule's findings in one failure, the worst
// severity as its type.
func TestJUnitGrouping(t *testing.T) {
	var findings []*analyzers.Finding
	for i, f := range []struct {
		file string
		rule *analyzers.Rule
		sev  analyzers.Severity
	}{
		{"b.yaml", ruleDefaultRoute, analyzers.SeverityInfo}, {"a.yaml", ruleSubset, analyzers.SeverityError},
		{"b.yaml", ruleSubset, analyzers.SeverityError}, {"b.yaml", ruleDefaultRoute, analyzers.SeverityWarning},
	} {
		findings = append(findings, &analyzers.Finding{Rule: f.rule, Severity: f.sev, Message: fmt.Sprint("m", i), Location: loc(f.file, 10+i, 1, 0, 0)})
	}
	doc := decodeJUnit(t, render(t, "junit", &analyzers.Report{Findings: findings}))
	b := doc.Suites[1]
	if len(doc.Suites) != 3 || b.Name != "b.yaml" || len(b.Cases) != 2 || b.Cases[0].Name != "ML1102 virtualservice-subset-not-found" {
		t.Fatalf("suites %+v, want a.yaml, b.yaml (ML1102 then ML2001), meshlint", doc.Suites)
	}
	f := b.Cases[1].Failure
	if f.Type != "warning" || f.Message != "line 10: m0 (and 1 more finding)" || strings.Count(f.Text, "\n") != 1 {
		t.Errorf("failure = %+v, want type warning, the first finding's message and both findings", f)
	}
}

// TestJUnitPassBelow: with --fail-on warning, a rule whose findings in a
// file are all info passes and lists them in <system-out>; one warning
// among them fails the testcase, which then lists them all.
func TestJUnitPassBelow(t *testing.T) {
	rep := &analyzers.Report{Findings: []*analyzers.Finding{
		{Rule: ruleDefaultRoute, Severity: analyzers.SeverityInfo, Message: "i1", Location: loc("a.yaml", 1, 1, 0, 0)},
		{Rule: ruleDefaultRoute, Severity: analyzers.SeverityInfo, Message: "i2", Location: loc("b.yaml", 1, 1, 0, 0)},
		{Rule: ruleDefaultRoute, Severity: analyzers.SeverityWarning, Message: "w", Location: loc("b.yaml", 2, 1, 0, 0)},
	}}
	var buf bytes.Buffer
	if err := Write(&buf, "junit", rep, Options{PassBelow: analyzers.SeverityWarning}); err != nil {
		t.Fatal(err)
	}
	doc := decodeJUnit(t, buf.Bytes())
	a, b := doc.Suites[0], doc.Suites[1]
	if doc.Failures != 1 || a.Failures != 0 || a.Cases[0].Failure != nil || !strings.Contains(buf.String(), "<system-out>a.yaml:1:1: info: i1") {
		t.Errorf("a.yaml's info finding should pass with the finding in system-out:\n%s", buf.String())
	}
	if b.Failures != 1 || b.Cases[0].Failure == nil || b.Cases[0].Failure.Type != "warning" || strings.Count(b.Cases[0].Failure.Text, "\n") != 1 {
		t.Errorf("b.yaml should fail with both findings:\n%s", buf.String())
	}
}

// TestJUnitClean: a clean run is a passing suite, never an empty report
// (Jenkins fails a build whose report holds no test).
func TestJUnitClean(t *testing.T) {
	for _, rep := range []*analyzers.Report{nil, {}, {Rules: []*analyzers.Rule{ruleSubset, ruleSyntax}}} {
		doc := decodeJUnit(t, render(t, "junit", rep))
		if doc.Failures != 0 || doc.Tests < 1 || len(doc.Suites) != 1 || doc.Suites[0].Name != "meshlint" {
			t.Errorf("clean run: %+v, want one passing suite", doc)
		}
	}
}

// TestJUnitNoFile: findings without a file get a suite of their own with
// a name (the schema requires one) and no file attribute.
func TestJUnitNoFile(t *testing.T) {
	rep := &analyzers.Report{Findings: []*analyzers.Finding{{Rule: ruleSubset, Severity: analyzers.SeverityError, Message: "m"}}}
	doc := decodeJUnit(t, render(t, "junit", rep))
	if s := doc.Suites[0]; s.Name != "(no file)" || s.File != "" || s.Failures != 1 {
		t.Errorf("suite = %+v, want (no file) with one failure", s)
	}
	if md := string(render(t, "markdown", rep)); !strings.Contains(md, "<summary><code>(no file)</code>: 1 error</summary>") || strings.Contains(md, "](#L") {
		t.Errorf("markdown of a finding without a file:\n%s", md)
	}
}

func TestJUnitHostileText(t *testing.T) {
	in := "nul\x00esc\x1b[31m <tag> & ]]> \"q\" \xff \u2028 end"
	rep := &analyzers.Report{Findings: []*analyzers.Finding{{
		Rule: ruleSubset, Severity: analyzers.SeverityError, Message: in, Location: loc(in, 1, 1, 1, 1),
	}}}
	out := render(t, "junit", rep)
	if bytes.ContainsAny(out, "\x00\x1b") {
		t.Errorf("raw control characters in the output:\n%q", out)
	}
	doc := decodeJUnit(t, out)
	if got := doc.Suites[0].Cases[0].Failure.Text; !strings.Contains(got, "<tag> & ]]> \"q\"") || strings.Contains(got, "\n") {
		t.Errorf("failure body %q: want the markup characters back, on one line", got)
	}
}

// TestJUnitSchema validates the golden file, a clean run and hostile text
// against the JUnit schema in testdata (junit.xsd), with
// xmllint when it is installed (Debian: libxml2-utils).
func TestJUnitSchema(t *testing.T) {
	xmllint := needTool(t, "xmllint", "Debian: apt-get install libxml2-utils; the JUnit output is still checked against the schema's rules in Go")
	dir := t.TempDir()
	docs := map[string][]byte{
		"golden.xml": render(t, "junit", sampleReport()),
		"clean.xml":  render(t, "junit", nil),
		"hostile.xml": render(t, "junit", &analyzers.Report{Findings: []*analyzers.Finding{{Rule: ruleSubset, Severity: analyzers.SeverityInfo,
			Message: "a\x00b <c> &d\n\te", Location: loc("dir with space/ü.yaml", 0, 0, 0, 0), Suppressed: true}}}),
	}
	for name, data := range docs {
		path := filepath.Join(dir, name)
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(xmllint, "--noout", "--schema", filepath.Join("testdata", "junit.xsd"), path).CombinedOutput()
		if err != nil {
			t.Errorf("%s fails junit.xsd: %v\n%s\n%s", name, err, out, data)
		}
	}
}

// needTool returns the path of an external tool a test drives. Without
// it the test is skipped with hint, except under make integration
// (MESHLINT_INTEGRATION=1), where a missing tool fails the run: CI must
// not pass by skipping.
func needTool(t *testing.T, name, hint string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("MESHLINT_INTEGRATION") == "1" {
		t.Fatalf("%s is not installed (%s); make integration needs it", name, hint)
	}
	t.Skipf("%s is not installed (%s): skipped", name, hint)
	return ""
}
