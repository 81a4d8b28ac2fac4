package report

import (
	"bufio"
	"cmp"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
)

// junitSuiteName names the document, and the suite of the rules that
// found nothing.
const junitSuiteName = "meshlint"

// noFile names the group of findings that no file holds (an implied
// resource's, say) where a report groups findings by file.
const noFile = "(no file)"

// junitCase is one testcase: a rule in a file (or, in the last suite, a
// rule that found nothing anywhere).
type junitCase struct {
	rule       *analyzers.Rule
	findings   []*analyzers.Finding // unsuppressed
	suppressed int
	fails      bool // a finding is at or above Options.PassBelow
}

func (c *junitCase) failed() bool  { return c.fails }
func (c *junitCase) skipped() bool { return len(c.findings) == 0 && c.suppressed > 0 }

// junitSuite is one testsuite: a file, or the passing rules.
type junitSuite struct {
	name, file string
	cases      []*junitCase
}

func (s *junitSuite) counts() (tests, failures, skipped int) {
	for _, c := range s.cases {
		tests++
		if c.failed() {
			failures++
		} else if c.skipped() {
			skipped++
		}
	}
	return tests, failures, skipped
}

// writeJUnit writes a JUnit XML report, the shape Jenkins, GitLab and
// most CI systems read (valid against the JUnit schema in report/testdata/junit.xsd): one
// <testsuite> per file with findings, sorted, holding one <testcase> per
// rule (by ID) whose <failure> lists that rule's findings in the file
// (when all of them are below Options.PassBelow, as --fail-on sets it, the
// testcase passes and lists them in <system-out>: the report's verdict is
// the exit code's); then a suite "meshlint" with a passing testcase for
// each rule that ran
// and found nothing, so that a clean run is a passing suite rather than
// an empty report, which CI systems treat as a broken step. A rule whose
// findings in a file are all suppressed is a skipped testcase. No times
// or host names: the same input gives the same bytes.
func writeJUnit(w io.Writer, rep *analyzers.Report, opts Options) error {
	suites := junitSuites(rep, opts.PassBelow)
	var tests, failures int
	for _, s := range suites {
		t, f, _ := s.counts()
		tests, failures = tests+t, failures+f
	}
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n<testsuites")
	junitAttrs(bw, "name", junitSuiteName, "tests", strconv.Itoa(tests), "failures", strconv.Itoa(failures), "errors", "0", "time", "0")
	bw.WriteString(">\n")
	for _, s := range suites {
		writeJUnitSuite(bw, s)
	}
	bw.WriteString("</testsuites>\n")
	return bw.Flush()
}

// junitSuites groups the findings by file, then by rule; the last suite
// holds the rules without findings (or one placeholder testcase when no
// rule is known, so that the suite is never empty).
func junitSuites(rep *analyzers.Report, passBelow analyzers.Severity) []*junitSuite {
	byFile := map[string]map[string]*junitCase{}
	found := map[string]bool{}
	for _, f := range rep.Findings {
		cases := byFile[f.Location.File]
		if cases == nil {
			cases = map[string]*junitCase{}
			byFile[f.Location.File] = cases
		}
		c := cases[f.Rule.ID]
		if c == nil {
			c = &junitCase{rule: f.Rule}
			cases[f.Rule.ID] = c
		}
		found[f.Rule.ID] = true
		if f.Suppressed {
			c.suppressed++
			continue
		}
		c.findings = append(c.findings, f)
		c.fails = c.fails || f.Severity >= passBelow
	}
	var suites []*junitSuite
	for _, file := range sortedKeys(byFile) {
		s := &junitSuite{name: cmp.Or(file, noFile), file: file}
		for _, id := range sortedKeys(byFile[file]) {
			s.cases = append(s.cases, byFile[file][id])
		}
		suites = append(suites, s)
	}
	return append(suites, passingSuite(rep.Rules, found))
}

// passingSuite holds a passing testcase per rule that ran and has no
// finding, suppressed or not, sorted by ID.
func passingSuite(rules []*analyzers.Rule, found map[string]bool) *junitSuite {
	s := &junitSuite{name: junitSuiteName}
	for _, r := range rules {
		if !found[r.ID] {
			s.cases = append(s.cases, &junitCase{rule: r})
		}
	}
	sort.SliceStable(s.cases, func(i, j int) bool { return s.cases[i].rule.ID < s.cases[j].rule.ID })
	if len(s.cases) == 0 && len(found) == 0 {
		s.cases = append(s.cases, &junitCase{rule: &analyzers.Rule{ID: junitSuiteName}})
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

func writeJUnitSuite(bw *bufio.Writer, s *junitSuite) {
	tests, failures, skipped := s.counts()
	bw.WriteString("  <testsuite")
	junitAttrs(bw, "name", s.name, "tests", strconv.Itoa(tests), "failures", strconv.Itoa(failures),
		"errors", "0", "skipped", strconv.Itoa(skipped), "time", "0")
	if s.file != "" {
		junitAttrs(bw, "file", s.file)
	}
	bw.WriteString(">\n")
	for _, c := range s.cases {
		writeJUnitCase(bw, s.name, c)
	}
	bw.WriteString("  </testsuite>\n")
}

// writeJUnitCase writes a testcase named after the rule, its class the
// file (or "meshlint"), which is how Jenkins and GitLab group them.
func writeJUnitCase(bw *bufio.Writer, class string, c *junitCase) {
	bw.WriteString("    <testcase")
	junitAttrs(bw, "name", strings.TrimSpace(c.rule.ID+" "+c.rule.Name), "classname", class, "time", "0")
	switch {
	case c.failed():
		bw.WriteString(">\n      <failure")
		junitAttrs(bw, "message", junitFailureMessage(c.findings), "type", junitFailureType(c.findings))
		bw.WriteString(">")
		writeJUnitFindings(bw, c.findings)
		bw.WriteString("</failure>\n    </testcase>\n")
	case len(c.findings) > 0:
		bw.WriteString(">\n      <system-out>")
		writeJUnitFindings(bw, c.findings)
		bw.WriteString("</system-out>\n    </testcase>\n")
	case c.skipped():
		bw.WriteString(">\n      <skipped")
		junitAttrs(bw, "message", plural(c.suppressed, "suppressed finding"))
		bw.WriteString("/>\n    </testcase>\n")
	default:
		bw.WriteString("/>\n")
	}
}

func writeJUnitFindings(bw *bufio.Writer, fs []*analyzers.Finding) {
	for i, f := range fs {
		if i > 0 {
			bw.WriteByte('\n')
		}
		writeXMLLines(bw, junitFindingText(f))
	}
}

// junitFailureMessage is what Jenkins shows as the error message: the
// first finding's line and message, and how many more there are.
func junitFailureMessage(fs []*analyzers.Finding) string {
	msg := fmt.Sprintf("line %d: %s", max(fs[0].Location.Start.Line, 1), oneLine(fs[0].Message))
	if n := len(fs) - 1; n > 0 {
		msg += fmt.Sprintf(" (and %s)", plural(n, "more finding"))
	}
	return msg
}

// junitFailureType is the highest severity among the findings.
func junitFailureType(fs []*analyzers.Finding) string {
	top := fs[0].Severity
	for _, f := range fs[1:] {
		if f.Severity > top {
			top = f.Severity
		}
	}
	return top.String()
}

// junitFindingText is a finding as the text format prints it, then its
// related locations, each on its own indented line.
func junitFindingText(f *analyzers.Finding) string {
	loc := f.Location
	var b strings.Builder
	fmt.Fprintf(&b, "%s:%d:%d: %s: %s [%s %s]", oneLine(loc.File), loc.Start.Line, loc.Start.Column,
		f.Severity, oneLine(f.Message), f.Rule.ID, f.Rule.Name)
	for _, r := range f.Related {
		b.WriteString("\n    ")
		if r.Location.File != "" {
			fmt.Fprintf(&b, "%s:%d:%d: ", oneLine(r.Location.File), r.Location.Start.Line, r.Location.Start.Column)
		}
		b.WriteString(oneLine(r.Message))
	}
	return b.String()
}

// junitAttrs writes name="value" pairs, escaped as xmlAttr does.
func junitAttrs(bw *bufio.Writer, pairs ...string) {
	for i := 0; i+1 < len(pairs); i += 2 {
		xmlAttr(bw, pairs[i], pairs[i+1])
	}
}

// writeXMLLines writes text content line by line: the line breaks stay
// literal, so the failure body reads as plain text in the XML too, while
// each line is escaped as xmlAttr escapes (characters XML cannot carry
// become U+FFFD).
func writeXMLLines(bw *bufio.Writer, text string) {
	for i, line := range strings.Split(text, "\n") {
		if i > 0 {
			bw.WriteByte('\n')
		}
		writeXMLEscaped(bw, line)
	}
}

// plural renders "1 finding", "2 findings", "2 info".
func plural(n int, word string) string {
	if n == 1 || word == "info" {
		return strconv.Itoa(n) + " " + word
	}
	return strconv.Itoa(n) + " " + word + "s"
}
