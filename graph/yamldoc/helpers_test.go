package yamldoc

import (
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph/source"
)

// Helpers shared by the yamldoc package's tests.

// lines joins YAML lines with "\n" and ends the text with a line break, so
// that a fixture's line numbers are the argument positions (1-based).
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// loadText loads one file, test.yaml, as LoadAll does: its documents without
// aliases converted and their trees released.
func loadText(text string) *LoadedFile {
	return LoadAll([]source.Source{{Path: "test.yaml", Content: []byte(text)}}, Limits{})[0]
}

func svc(name string) string {
	return lines("apiVersion: v1", "kind: Service", "metadata:", "  name: "+name)
}

func aliasBomb(levels, width int) string {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\ndata:\n")
	b.WriteString("  l0: &l0 [lol")
	for i := 1; i < width; i++ {
		b.WriteString(", lol")
	}
	b.WriteString("]\n")
	for l := 1; l < levels; l++ {
		fmt.Fprintf(&b, "  l%d: &l%d [*l%d", l, l, l-1)
		for i := 1; i < width; i++ {
			fmt.Fprintf(&b, ", *l%d", l-1)
		}
		b.WriteString("]\n")
	}
	return b.String()
}

// mergeBomb builds the same exponential structure out of merge keys; the
// top-level mapping has no kind, so finding out whether it is a List
// searches every merge source.
func mergeBomb(levels, width int) string {
	var b strings.Builder
	b.WriteString("m0: &m0 {a: 1}\n")
	for l := 1; l < levels; l++ {
		fmt.Fprintf(&b, "m%d: &m%d {<<: [*m%d", l, l, l-1)
		for i := 1; i < width; i++ {
			fmt.Fprintf(&b, ", *m%d", l-1)
		}
		b.WriteString("]}\n")
	}
	fmt.Fprintf(&b, "<<: *m%d\n", levels-1)
	return b.String()
}

// pos finds the 1-based line and column of the first occurrence of substr
// on the given 1-based line of text, so that expected positions are read
// off the fixture instead of being counted by hand. It fails the test when
// substr is not on that line.
func pos(t *testing.T, text string, line int, substr string) Position {
	t.Helper()
	ls := strings.Split(text, "\n")
	if line < 1 || line > len(ls) {
		t.Fatalf("pos: line %d out of range (%d lines)", line, len(ls))
	}
	l := strings.TrimSuffix(ls[line-1], "\r")
	if line == 1 {
		l = strings.TrimPrefix(l, "\ufeff")
	}
	i := strings.Index(l, substr)
	if i < 0 {
		t.Fatalf("pos: %q not on line %d: %q", substr, line, l)
	}
	return Position{line, 1 + utf8.RuneCountInString(l[:i])}
}

// span is the range of the last occurrence of substr on a line (values
// come last): its start and exclusive end.
func span(t *testing.T, text string, line int, substr string) Range {
	t.Helper()
	first := pos(t, text, line, substr)
	l := strings.TrimPrefix(strings.TrimSuffix(strings.Split(text, "\n")[line-1], "\r"), "\ufeff")
	col := first.Column + utf8.RuneCountInString(l[strings.Index(l, substr):strings.LastIndex(l, substr)])
	return Range{Start: Position{line, col}, End: Position{line, col + utf8.RuneCountInString(substr)}}
}

// withTimeout runs f and fails the test if it does not return in d: hostile
// input must be rejected quickly, not hang.
func withTimeout(t *testing.T, d time.Duration, f func()) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		f()
	}()
	select {
	case <-done:
	case <-time.After(d):
		t.Fatalf("did not finish within %v", d)
	}
}

func parseNode(t *testing.T, text string) *yaml.Node {
	t.Helper()
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		t.Fatalf("%q: %v", text, err)
	}
	return &n
}

// parseNodeLenient parses text, or returns nil when yaml.v3 refuses it.
func parseNodeLenient(text string) *yaml.Node {
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(text), &n); err != nil {
		return nil
	}
	return &n
}

// spreadBomb is a ConfigMap whose aliases add 135,740 nodes: five levels of
// ten, each level a list of ten aliases of the one before. It is far under
// the per-document limit; 100 of them add 13.5 million.
func spreadBomb(name string) string {
	return strings.Replace(aliasBomb(5, 10), "name: lol", "name: "+name, 1)
}

const spreadBombExtra = 10*11 + 10*121 + 10*1221 + 10*12221

func before(a, b Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
}

// yamlLineCount counts lines as YAML does: "\n", "\r\n" and a lone "\r"
// each end one.
func yamlLineCount(data []byte) int {
	lines := 1
	for i, b := range data {
		if b == '\n' || (b == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
			lines++
		}
	}
	return lines
}

// convertAll loads path/content pairs and converts their documents as the
// graph does before it builds resources: it returns the documents, their
// values (nil when refused), and the problems of loading, then those of
// converting in document order.
func convertAll(l Limits, pathContent ...string) (docs []*Document, values []any, problems []Problem) {
	var sources []source.Source
	for i := 0; i+1 < len(pathContent); i += 2 {
		sources = append(sources, source.Source{Path: pathContent[i], Content: []byte(pathContent[i+1])})
	}
	for _, f := range LoadAll(sources, l) {
		problems = append(problems, f.Problems...)
		docs = append(docs, f.Documents...)
	}
	values, refused := Values(docs, l)
	for _, p := range refused {
		if p != nil {
			problems = append(problems, *p)
		}
	}
	return docs, values, problems
}

// problemsOf returns the problems of one kind.
func problemsOf(ps []Problem, kind ProblemKind) []Problem {
	var out []Problem
	for _, p := range ps {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// converted counts the values that are not nil: the documents not refused.
func converted(values []any) int {
	n := 0
	for _, v := range values {
		if v != nil {
			n++
		}
	}
	return n
}

// lookupValue walks keys down nested maps of a converted value.
func lookupValue(v any, keys ...string) any {
	for _, k := range keys {
		m, _ := v.(map[string]any)
		v = m[k]
	}
	return v
}
