package yamldoc

import (
	"bytes"
	"fmt"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/graph/source"
)

// Regression tests for what the hostile-input suite (lint/hostile_test.go,
// testdata/hostile) found in the loader, each named after its bug.

func TestAliasExpansionCountsWhatTheConverterCharges(t *testing.T) {
	texts := []string{
		spreadBomb("a"),
		mergeBomb(4, 3),
		"a: &a {x: 1, y: [1, 2]}\nb: {<<: *a, z: *a}\nc: [*a, {<<: [*a, *a]}]\n",
		"a: &a x\nb: *a\nc: [*a, *a]\n",
		"plain: [1, {b: c}]\n",
	}
	for _, text := range texts {
		n := parseNode(t, text)
		c := converter{budget: 1 << 40, maxDepth: 1000}
		if _, err := c.value(n, 0); err != nil {
			t.Fatalf("%q: %v", text, err)
		}
		charged := 1<<40 - c.budget
		if got, ok := aliasExpansion(n, 1<<40, 1000); !ok || got != charged {
			t.Errorf("%q: aliasExpansion = %d, %v; the converter charges %d", text, got, ok, charged)
		}
	}
	if got, ok := aliasExpansion(parseNode(t, spreadBomb("a")), 1000, 1000); !ok || got != 1001 {
		t.Errorf("aliasExpansion over the limit = %d, %v; want limit+1", got, ok)
	}
	if _, ok := aliasExpansion(parseNode(t, "a: &a [*a]\n"), 1000, 1000); ok {
		t.Errorf("an anchor containing itself has a finite expansion")
	}
}

// TestLoadAliasBombSpreadOverDocuments: the alias limit was per document
// only, so 100 documents each under it (30 KB in all) took 2 GB and 10 s.
// Aliases now add at most 4 times the limit to all files together; the
// documents past that, in the order of the sources (which the CLI sorts),
// are refused, each at its start.
func TestLoadAliasBombSpreadOverDocuments(t *testing.T) {
	const inA = 20 // documents 0-19 in a.yaml, 20-99 in b.yaml
	var a, b strings.Builder
	for i := range 100 {
		w := &a
		if i >= inA {
			w = &b
		}
		if w.Len() > 0 {
			w.WriteString("---\n")
		}
		w.WriteString(spreadBomb(fmt.Sprintf("lol%d", i)))
	}
	var values []any
	var problems []Problem
	withTimeout(t, 20*time.Second, func() {
		_, values, problems = convertAll(Limits{}, "a.yaml", a.String(), "b.yaml", b.String())
	})
	accepted := totalExpansionFactor * DefaultLimits.MaxAliasExpanded / spreadBombExtra // 29
	if n := converted(values); n != accepted {
		t.Errorf("%d documents converted; want %d", n, accepted)
	}
	limits := problemsOf(problems, ProblemLimit)
	if len(limits) != 100-accepted {
		t.Fatalf("%d limit problems; want %d", len(limits), 100-accepted)
	}
	docLines := strings.Count(spreadBomb("x"), "\n") + 1 // with its `---`
	for i, p := range limits {
		line := 1 + (accepted+i-inA)*docLines // the refused are all in b.yaml
		if p.Location.File != "b.yaml" || p.Location.Start.Line != line || !strings.Contains(p.Message, "all files together") {
			t.Errorf("limit problem %d at %s:%d %q; want b.yaml:%d, about all files together", i, p.Location.File, p.Location.Start.Line, p.Message, line)
		}
	}
}

// TestLoadEmptyDocumentFloodBounded: every `---` of a file was cut into a
// chunk before --max-documents was looked at, and each empty chunk was
// given a decoder: 64 MB of `---` lines took 2 GB and 10 s. Chunks are now
// made one at a time, and blank ones are not parsed.
func TestLoadEmptyDocumentFloodBounded(t *testing.T) {
	content := bytes.Repeat([]byte("---\n"), 16<<20)
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	var lf *LoadedFile
	withTimeout(t, 20*time.Second, func() { lf = LoadFile(source.Source{Path: "f.yaml", Content: content}, Limits{}) })
	runtime.ReadMemStats(&after)
	if len(lf.Documents) != 0 || len(lf.Problems) != 0 {
		t.Errorf("%d documents, problems %+v; want neither: empty documents are not worth a finding", len(lf.Documents), lf.Problems)
	}
	if allocated := after.TotalAlloc - before.TotalAlloc; allocated > 64<<20 {
		t.Errorf("allocated %d MB for empty documents", allocated>>20)
	}
}

// TestLoadTrailingMarkerAtDocumentLimit: a file of exactly --max-documents
// documents that ends in `---` (as many generators write) was reported as
// having more documents than the limit.
func TestLoadTrailingMarkerAtDocumentLimit(t *testing.T) {
	tests := []struct {
		name, text string
		problem    int // line of the limit problem; 0: none
	}{
		{"trailing marker", svc("a") + "---\n" + svc("b") + "---\n", 0},
		{"trailing marker and comment", svc("a") + "---\n" + svc("b") + "---\n# end\n---\n", 0},
		{"a third document", svc("a") + "---\n" + svc("b") + "---\n# c\n" + svc("c"), 10},
	}
	for _, tt := range tests {
		lf := LoadFile(source.Source{Path: "f.yaml", Content: []byte(tt.text)}, Limits{MaxDocuments: 2})
		lp := limitProblems(lf)
		switch {
		case len(lf.Documents) != 2:
			t.Errorf("%s: %d documents; want 2", tt.name, len(lf.Documents))
		case tt.problem == 0 && len(lp) != 0:
			t.Errorf("%s: limit problems %+v; want none", tt.name, lp)
		case tt.problem != 0 && (len(lp) != 1 || lp[0].Location.Start.Line != tt.problem):
			t.Errorf("%s: limit problems %+v; want one at line %d", tt.name, lp, tt.problem)
		}
	}
}
