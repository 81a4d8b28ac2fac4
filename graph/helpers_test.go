package graph

import (
	"sort"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/meshlint/meshlint/graph/source"
)

// Helpers shared by the graph package's tests.

// lines joins YAML lines with "\n" and ends the text with a line break, so
// that a fixture's line numbers are the argument positions (1-based).
func lines(ls ...string) string { return strings.Join(ls, "\n") + "\n" }

// loadFiles loads path/content pairs as sources with opts.
func loadFiles(t *testing.T, opts Options, pathContent ...string) *Graph {
	t.Helper()
	if len(pathContent)%2 != 0 {
		t.Fatalf("loadFiles: odd number of path/content arguments")
	}
	var sources []source.Source
	for i := 0; i < len(pathContent); i += 2 {
		sources = append(sources, source.Source{Path: pathContent[i], Content: []byte(pathContent[i+1])})
	}
	return Load(sources, opts)
}

// loadYAML loads one file, test.yaml, with the CLI default options.
func loadYAML(t *testing.T, content string) *Graph {
	t.Helper()
	return loadFiles(t, DefaultOptions(), "test.yaml", content)
}

// loadYAMLOpts loads one file, test.yaml, with opts.
func loadYAMLOpts(t *testing.T, opts Options, content string) *Graph {
	t.Helper()
	return loadFiles(t, opts, "test.yaml", content)
}

// noProblems fails the test when loading reported anything.
func noProblems(t *testing.T, g *Graph) {
	t.Helper()
	for _, p := range g.Problems {
		t.Errorf("unexpected problem %s at %s:%d:%d: %s", p.Kind, p.Location.File, p.Location.Start.Line, p.Location.Start.Column, p.Message)
	}
}

// problemsOf returns the problems of one kind.
func problemsOf(g *Graph, kind ProblemKind) []Problem {
	var out []Problem
	for _, p := range g.Problems {
		if p.Kind == kind {
			out = append(out, p)
		}
	}
	return out
}

// mustGet returns the resource with the key or fails the test.
func mustGet(t *testing.T, g *Graph, gk GroupKind, ns, name string) *Resource {
	t.Helper()
	r := g.Get(Key{gk, ns, name})
	if r == nil {
		var have []string
		for _, r := range g.Resources {
			have = append(have, r.String())
		}
		t.Fatalf("no %s %s/%s in the graph; have %v", gk, ns, name, have)
	}
	return r
}

// resourceNames renders resources as "Kind ns/name", in order.
func resourceNames(rs []*Resource) []string {
	out := []string{}
	for _, r := range rs {
		out = append(out, r.String())
	}
	return out
}

// workloadNames renders workloads as "ns/name", implied ones suffixed with
// " (implied)", sorted.
func workloadNames(ws []*Workload) []string {
	out := []string{}
	for _, w := range ws {
		s := w.Namespace + "/" + w.Name
		if w.Implied() {
			s += " (implied)"
		}
		out = append(out, s)
	}
	sort.Strings(out)
	return out
}

// equalStrings compares two string slices, nil and empty being equal.
func equalStrings(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
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
	return Position{Line: line, Column: 1 + utf8.RuneCountInString(l[:i])}
}

// span is the range of the last occurrence of substr on a line (values
// come last): its start and exclusive end.
func span(t *testing.T, text string, line int, substr string) Range {
	t.Helper()
	first := pos(t, text, line, substr)
	l := strings.TrimPrefix(strings.TrimSuffix(strings.Split(text, "\n")[line-1], "\r"), "\ufeff")
	col := first.Column + utf8.RuneCountInString(l[strings.Index(l, substr):strings.LastIndex(l, substr)])
	return Range{Start: Position{Line: line, Column: col}, End: Position{Line: line, Column: col + utf8.RuneCountInString(substr)}}
}
