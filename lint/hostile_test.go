package lint_test

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/lint"
)

// The hostile-input suite: files that are broken, huge or strange on
// purpose (testdata/hostile/README.md lists them with what meshlint must
// answer). For each, Lint must not panic, must return (a watchdog catches
// hangs), must stay within a memory bound, and must report exactly the
// expected findings. Memory is measured as bytes allocated, which does not
// depend on the machine's load the way time does; time is what
// BenchmarkHostile reports.

const (
	hostileDir = "../testdata/hostile"
	// hostileAllocBound is the most one case may allocate in total.
	hostileAllocBound = 512 << 20
	// hostileWatchdog only catches hangs: each case takes well under a
	// second or two on a quiet machine.
	hostileWatchdog = 60 * time.Second
)

// lintBounded lints sources with cfg under the watchdog and returns the
// report and the bytes allocated meanwhile; a panic fails the test.
func lintBounded(t testing.TB, sources []source.Source, cfg lint.Options) (*analyzers.Report, uint64) {
	t.Helper()
	type result struct {
		rep      *analyzers.Report
		err      error
		panicked string
	}
	done := make(chan result, 1)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	go func() {
		var r result
		defer func() {
			if p := recover(); p != nil {
				r.panicked = fmt.Sprintf("%v\n%s", p, debug.Stack())
			}
			done <- r
		}()
		res, err := lint.Lint(context.Background(), sources, cfg)
		if err == nil {
			r.rep = res.Report
		}
		r.err = err
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(hostileWatchdog):
		t.Fatalf("Lint did not return within %v", hostileWatchdog)
	}
	runtime.ReadMemStats(&after)
	switch {
	case r.panicked != "":
		t.Fatalf("Lint panicked: %s", r.panicked)
	case r.err != nil:
		t.Fatalf("Lint failed: %v", r.err)
	}
	return r.rep, after.TotalAlloc - before.TotalAlloc
}

// checkAllocBound fails the test when a case allocated more than the bound.
func checkAllocBound(t *testing.T, allocated uint64) {
	t.Helper()
	t.Logf("allocated %d MB", allocated>>20)
	if allocated > hostileAllocBound {
		t.Errorf("allocated %d MB, more than the bound of %d MB", allocated>>20, hostileAllocBound>>20)
	}
}

// cleanHostileFiles are the committed cases that must lint clean: they
// carry no `# want` comment, and a file that should have one but lost it
// must not pass for clean.
var cleanHostileFiles = map[string]bool{
	"empty.yaml":                true,
	"comments-only.yaml":        true,
	"document-marker-only.yaml": true,
}

// wantsWithoutComments are the expectations of committed cases whose
// format cannot carry a `# want` comment: a binary file, and JSON, which
// has no comments.
var wantsWithoutComments = map[string][]analysistest.Expectation{
	"binary.yaml": {
		{Rule: "ML0001", Line: 1, Column: 1, Message: regexp.MustCompile(`UTF-8 .*byte 0x89`)},
	},
	"duplicate-keys.json": {
		{Rule: "ML0002", Line: 7, Column: 5, Message: regexp.MustCompile(`"ports"`)},
		{Rule: "ML0002", Line: 9, Column: 3, Message: regexp.MustCompile(`"kind"`)},
	},
}

// TestHostileFiles lints each committed case on its own with the default
// configuration and compares its findings with the file's expectations.
func TestHostileFiles(t *testing.T) {
	files := hostileFiles(t)
	for _, file := range files {
		name := filepath.Base(file)
		t.Run(name, func(t *testing.T) {
			content, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			wants, err := analysistest.ParseExpectations(file, content)
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range wantsWithoutComments[name] {
				w.File = file
				wants = append(wants, w)
			}
			if len(wants) == 0 && !cleanHostileFiles[name] {
				t.Fatalf("%s has no expectation and is not listed as clean", file)
			}
			rep, allocated := lintBounded(t, []source.Source{{Path: file, Content: content}}, lint.DefaultOptions())
			analysistest.Compare(t, wants, rep.Findings)
			checkAllocBound(t, allocated)
		})
	}
}

// hostileFiles lists the committed cases: every file of the directory but
// its README and .gitattributes, whatever the extension (a case may be
// named like anything).
func hostileFiles(t *testing.T) []string {
	t.Helper()
	entries, err := os.ReadDir(hostileDir)
	if err != nil {
		t.Fatal(err)
	}
	var files []string
	for _, e := range entries {
		if e.Type().IsRegular() && e.Name() != "README.md" && e.Name() != ".gitattributes" {
			files = append(files, filepath.Join(hostileDir, e.Name()))
		}
	}
	if len(files) < 10 {
		t.Fatalf("only %d files in %s", len(files), hostileDir)
	}
	return files
}

// TestHostileCRLFPositions checks that a file with CR LF line endings gives
// the same findings, at the same start and end positions, as the same file
// with LF endings: a CR must never count as a column.
func TestHostileCRLFPositions(t *testing.T) {
	file := filepath.Join(hostileDir, "crlf-line-endings.yaml")
	crlf, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(crlf, []byte("\r\n")); n != bytes.Count(crlf, []byte("\n")) {
		t.Fatalf("%s has %d CR LF line endings of %d: was it converted on checkout? (see .gitattributes)", file, n, bytes.Count(crlf, []byte("\n")))
	}
	lf := bytes.ReplaceAll(crlf, []byte("\r\n"), []byte("\n"))
	got, _ := lintBounded(t, []source.Source{{Path: "f.yaml", Content: crlf}}, lint.DefaultOptions())
	want, _ := lintBounded(t, []source.Source{{Path: "f.yaml", Content: lf}}, lint.DefaultOptions())
	if len(got.Findings) == 0 || len(got.Findings) != len(want.Findings) {
		t.Fatalf("%d findings with CR LF, %d with LF; want the same, at least one", len(got.Findings), len(want.Findings))
	}
	for i, f := range got.Findings {
		w := want.Findings[i]
		if f.Rule != w.Rule || f.Location.Range != w.Location.Range {
			t.Errorf("CR LF: %s at %+v; LF: %s at %+v", f.Rule.ID, f.Location.Range, w.Rule.ID, w.Location.Range)
		}
	}
}

// TestHostileREADME checks that testdata/hostile/README.md names every
// committed file and every generated case, so that the list stays whole.
func TestHostileREADME(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join(hostileDir, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, file := range hostileFiles(t) {
		if !bytes.Contains(readme, []byte("`"+filepath.Base(file)+"`")) {
			t.Errorf("README.md does not list `%s`", filepath.Base(file))
		}
	}
	for _, c := range generatedCases() {
		if !bytes.Contains(readme, []byte(c.name)) {
			t.Errorf("README.md does not list the generated case %q", c.name)
		}
	}
}

// generatedCase is a hostile input too large to commit, built by the test
// into memory as one file.
type generatedCase struct {
	name   string
	input  func() []byte
	limits yamldoc.Limits // zero fields: the defaults
	check  func(t *testing.T, rep *analyzers.Report)
}

// generatedCases are what the README lists by name.
func generatedCases() []generatedCase {
	return []generatedCase{
		{name: "alias bomb", input: func() []byte { return aliasBombYAML(9, 10, 1) },
			check: wantOnly(limitFinding(1, 1, "aliases expand to more than 1000000"))},
		{name: "alias bombs spread over documents", input: func() []byte { return aliasBombYAML(5, 10, 100) },
			check: checkBombsSpread(100)},
		{name: "nesting 10,000 deep (flow)", input: func() []byte { return deepFlowYAML(10_000) },
			check: wantOnly(limitFinding(5, 1004, "nests deeper than 1000"))},
		{name: "nesting 10,000 deep (block)", input: func() []byte { return deepBlockYAML(10_000) },
			check: wantOnly(limitFinding(5, 1+2*999, "nests deeper than 1000"))},
		{name: "20 MB scalar", input: func() []byte { return bigScalarYAML(20 << 20) },
			check: wantResources(1)},
		{name: "million-element sequence", input: func() []byte { return longSequenceYAML(1_000_000) },
			check: wantOnly(limitFinding(1, 1, "over the limit of 1000000; not linted \\(--max-nodes\\)"))},
		{name: "million-element sequence under a raised --max-nodes", input: func() []byte { return longSequenceYAML(1_000_000) },
			limits: yamldoc.Limits{MaxNodes: 1_100_000}, check: wantResources(1)},
		{name: "20,000 documents", input: func() []byte { return manyServicesYAML(20_000) },
			check: wantResources(20_000)},
		{name: "20,000 documents with syntax errors", input: func() []byte { return manyBrokenYAML(20_000) },
			check: checkManyBroken(20_000)},
		{name: "16 million empty documents", input: func() []byte { return bytes.Repeat([]byte("---\n"), 16<<20) },
			check: wantResources(0)},
	}
}

// source is a generated case's input as the one file it is linted as.
func (c generatedCase) source() []source.Source {
	return []source.Source{{Path: "hostile.yaml", Content: c.input()}}
}

// TestHostileGenerated runs the generated cases: large inputs, each built
// in memory, linted under the watchdog and the allocation bound.
func TestHostileGenerated(t *testing.T) {
	for _, c := range generatedCases() {
		t.Run(c.name, func(t *testing.T) {
			cfg := lint.DefaultOptions()
			cfg.Graph.Limits = c.limits
			sources := c.source()
			runtime.GC() // free the previous case: together they would need gigabytes
			rep, allocated := lintBounded(t, sources, cfg)
			c.check(t, rep)
			checkAllocBound(t, allocated)
		})
	}
}

// BenchmarkHostile measures time and memory of each generated case:
// go test -run '^$' -bench Hostile -benchmem ./lint
func BenchmarkHostile(b *testing.B) {
	for _, c := range generatedCases() {
		b.Run(strings.ReplaceAll(c.name, " ", "_"), func(b *testing.B) {
			cfg := lint.DefaultOptions()
			cfg.Graph.Limits = c.limits
			sources := c.source()
			b.SetBytes(totalBytes(sources))
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, err := lint.Lint(context.Background(), sources, cfg); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// expected is one finding a generated case must produce.
type expected struct {
	rule      string
	line, col int
	message   string // a regexp
}

func limitFinding(line, col int, message string) expected {
	return expected{"ML0006", line, col, message}
}

// wantOnly checks that the report has exactly these findings, in order.
func wantOnly(want ...expected) func(*testing.T, *analyzers.Report) {
	return func(t *testing.T, rep *analyzers.Report) {
		t.Helper()
		if len(rep.Findings) != len(want) {
			t.Fatalf("%d findings; want %d:\n%s", len(rep.Findings), len(want), strings.Join(firstLines(rep, 10), "\n"))
		}
		for i, w := range want {
			f := rep.Findings[i]
			at := f.Location.Start
			if f.Rule.ID != w.rule || at.Line != w.line || at.Column != w.col || !regexp.MustCompile(w.message).MatchString(f.Message) {
				t.Errorf("finding %s at %d:%d %q; want %s at %d:%d matching %q", f.Rule.ID, at.Line, at.Column, f.Message, w.rule, w.line, w.col, w.message)
			}
		}
	}
}

// wantResources checks that the input lints clean into n resources.
func wantResources(n int) func(*testing.T, *analyzers.Report) {
	return func(t *testing.T, rep *analyzers.Report) {
		t.Helper()
		if len(rep.Findings) != 0 || rep.Summary.Resources != n {
			t.Errorf("%d resources and %d findings; want %d resources and none:\n%s", rep.Summary.Resources, len(rep.Findings), n, strings.Join(firstLines(rep, 10), "\n"))
		}
	}
}

func firstLines(rep *analyzers.Report, n int) []string {
	lines := findingLines(rep)
	return lines[:min(n, len(lines))]
}

// aliasBombYAML is `docs` ConfigMaps, each a "billion laughs": level 0 is
// a list of `width` strings and each further level a list of `width`
// aliases of the one before, so that levels 1..L expand to about
// width^(L+1) nodes. The ConfigMap's data are the levels, so the schema
// rule reports each list where a string belongs.
func aliasBombYAML(levels, width, docs int) []byte {
	var b bytes.Buffer
	for d := range docs {
		if d > 0 {
			b.WriteString("---\n")
		}
		fmt.Fprintf(&b, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol%d}\ndata:\n", d)
		b.WriteString("  l0: &l0 [" + strings.TrimSuffix(strings.Repeat("lol, ", width), ", ") + "]\n")
		for l := 1; l < levels; l++ {
			alias := fmt.Sprintf("*l%d, ", l-1)
			fmt.Fprintf(&b, "  l%d: &l%d [%s]\n", l, l, strings.TrimSuffix(strings.Repeat(alias, width), ", "))
		}
	}
	return b.Bytes()
}

// checkBombsSpread checks the spread alias bomb: each document adds about
// 135,000 nodes through aliases, under the per-document limit of a
// million; together they would add 13.5 million. The first documents are
// analyzed (and their lists reported where strings belong) until the budget
// of all files together (4 million) is spent; every later document is an
// ML0006 at its start.
func checkBombsSpread(docs int) func(*testing.T, *analyzers.Report) {
	return func(t *testing.T, rep *analyzers.Report) {
		t.Helper()
		const docLines = 10 // `---`, four lines of header and five levels
		refused := 0
		for _, f := range rep.Findings {
			switch {
			case f.Rule.ID == "ML0102":
			case f.Rule.ID == "ML0006" && strings.Contains(f.Message, "all files together") && f.Location.Start.Line%docLines == 1:
				refused++
			default:
				t.Errorf("unexpected finding %s at %d:%d: %s", f.Rule.ID, f.Location.Start.Line, f.Location.Start.Column, f.Message)
			}
		}
		if analyzed := rep.Summary.Resources; analyzed+refused != docs || analyzed == 0 || analyzed > 4_000_000/135_000 {
			t.Errorf("%d documents analyzed and %d refused; want %d in all, at most %d analyzed", analyzed, refused, docs, 4_000_000/135_000)
		}
	}
}

// deepFlowYAML nests flow sequences depth deep in a ConfigMap's data, on
// line 5, after `  x: ` (the `[` at column 6 is at depth 3).
func deepFlowYAML(depth int) []byte {
	return []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: " +
		strings.Repeat("[", depth) + strings.Repeat("]", depth) + "\n")
}

// deepBlockYAML nests block sequences depth deep on line 5 ("- - - ... x");
// the dash at column 1 is at depth 2.
func deepBlockYAML(depth int) []byte {
	return []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\nitems:\n" +
		strings.Repeat("- ", depth) + "x\n")
}

func bigScalarYAML(size int) []byte {
	return []byte("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n  blob: " +
		strings.Repeat("x", size) + "\n")
}

// longSequenceYAML is a Service whose externalIPs (a list of strings, as
// the schema wants) has n entries.
func longSequenceYAML(n int) []byte {
	return []byte("apiVersion: v1\nkind: Service\nmetadata: {name: long}\nspec:\n  externalIPs:\n" +
		strings.Repeat("  - 10.0.0.1\n", n))
}

func manyServicesYAML(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "---\napiVersion: v1\nkind: Service\nmetadata: {name: s%d}\nspec:\n  ports: [{name: http, port: 80}]\n", i)
	}
	return b.Bytes()
}

// manyBrokenYAML is n documents of 5 lines whose third line is indented
// one space too far: a syntax error in each.
func manyBrokenYAML(n int) []byte {
	var b bytes.Buffer
	for i := range n {
		fmt.Fprintf(&b, "---\nmetadata:\n  name: s%d\n   namespace: x\nkind: Service\n", i)
	}
	return b.Bytes()
}

// checkManyBroken wants one ML0001 per document, each on its own line 4.
func checkManyBroken(n int) func(*testing.T, *analyzers.Report) {
	return func(t *testing.T, rep *analyzers.Report) {
		t.Helper()
		if len(rep.Findings) != n {
			t.Fatalf("%d findings; want %d", len(rep.Findings), n)
		}
		for i, f := range rep.Findings {
			if at := f.Location.Start; f.Rule.ID != "ML0001" || at.Line != 5*i+4 {
				t.Fatalf("finding %d: %s at %d:%d; want ML0001 at line %d", i, f.Rule.ID, at.Line, at.Column, 5*i+4)
			}
		}
	}
}
