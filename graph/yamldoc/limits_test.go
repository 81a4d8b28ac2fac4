package yamldoc

import (
	"fmt"
	"math"
	"strings"
	"testing"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph/source"
)

func limitProblems(lf *LoadedFile) []Problem {
	var out []Problem
	for _, p := range lf.Problems {
		if p.Kind == ProblemLimit {
			out = append(out, p)
		}
	}
	return out
}

func TestLoadNodeLimit(t *testing.T) {
	big := "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n" + strings.Repeat("  k: v\n", 0)
	var b strings.Builder
	b.WriteString(svc("small"))
	b.WriteString("---\n# a comment first\n")
	b.WriteString(big)
	for i := range 300 {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	b.WriteString("---\n" + svc("after"))
	lf := LoadFile(source.Source{Path: "f.yaml", Content: []byte(b.String())}, Limits{MaxNodes: 100})
	lp := limitProblems(lf)
	if len(lp) != 1 || !strings.Contains(lp[0].Message, "--max-nodes") {
		t.Fatalf("limit problems %+v; want one naming --max-nodes", lp)
	}
	// The finding is on the document's first line of content, after the comment.
	if got := lp[0].Location.Start.Line; got != 7 {
		t.Errorf("node limit reported at line %d; want 7", got)
	}
	if len(lf.Documents) != 2 {
		t.Errorf("%d documents; want the two small ones still loaded", len(lf.Documents))
	}
}

func TestLoadFileNodeBudget(t *testing.T) {
	// Every document is under MaxNodes, but together they pass the file's
	// budget: the rest of the file is refused once, not document by document.
	var b strings.Builder
	for i := range 20 {
		if i > 0 {
			b.WriteString("---\n")
		}
		b.WriteString(svc(fmt.Sprintf("s%d", i)))
	}
	lf := LoadFile(source.Source{Path: "f.yaml", Content: []byte(b.String())}, Limits{MaxNodes: 10})
	lp := limitProblems(lf)
	if len(lp) != 1 || !strings.Contains(lp[0].Message, "the rest are not linted") {
		t.Fatalf("limit problems %+v; want one for the file's node budget", lp)
	}
	if len(lf.Documents) == 0 || len(lf.Documents) >= 20 {
		t.Errorf("%d documents loaded; want some, not all", len(lf.Documents))
	}
}

func TestLoadDepthLimit(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		maxDepth int
		line     int // where the limit is reported; 0: no limit problem
	}{
		{"block nesting within", "a:\n  b:\n    c: 1\n", 3, 0},
		{"block nesting over", "a:\n  b:\n    c:\n      d: 1\n", 3, 4},
		{"flow nesting over", "a: 1\nb: [[[[x]]]]\n", 3, 2},
		{"sequences of sequences", "- - - - x\n", 3, 1},
		{"past the parser's own limit", strings.Repeat("[", 10_050) + strings.Repeat("]", 10_050) + "\n", 1000, 1},
		{"past the parser's limit, limit above it", strings.Repeat("[", 10_050) + strings.Repeat("]", 10_050) + "\n", 20_000, 1},
	}
	for _, tt := range tests {
		var lf *LoadedFile
		withTimeout(t, 10*time.Second, func() {
			lf = LoadFile(source.Source{Path: "f.yaml", Content: []byte(tt.text)}, Limits{MaxDepth: tt.maxDepth})
		})
		lp := limitProblems(lf)
		switch {
		case tt.line == 0 && len(lp) != 0:
			t.Errorf("%s: unexpected limit problems %+v", tt.name, lp)
		case tt.line != 0 && (len(lp) != 1 || lp[0].Location.Start.Line != tt.line || !strings.Contains(lp[0].Message, "nests deeper")):
			t.Errorf("%s: limit problems %+v; want one about nesting at line %d", tt.name, lp, tt.line)
		case tt.line != 0 && len(lf.Documents) != 0:
			t.Errorf("%s: the document was loaded anyway", tt.name)
		}
	}
}

// TestPrescanEstimate checks that the pre-scan's node count is close to
// the parser's on ordinary YAML: it decides what is refused unparsed.
func TestPrescanEstimate(t *testing.T) {
	samples := []string{
		svc("a"),
		"a: [1, {b: c, d: [e, f]}]\n",
		"data:\n  script: |\n    - a\n    - b: [c]\n    {x: y}\n  other: 1\n",
		"a: 'quoted # not a comment'\nb: \"q: [x]\" # comment [y]\n",
		"- &p\n  x: 1\n  y: 2\n- *p\n- !!str z\n",
		"{\"kind\": \"List\", \"items\": [{\"a\": 1}, {\"b\": [1, 2, 3]}]}\n",
		"? complex\n: value\nplain: multi\n  line [not] {flow}\n",
	}
	for _, s := range samples {
		var n yaml.Node
		if err := yaml.Unmarshal([]byte(s), &n); err != nil {
			t.Fatalf("%q: %v", s, err)
		}
		w := treeWalk{maxDepth: 100}
		w.walk(n.Content[0], 0)
		est := prescan([]byte(s), 1, 100).nodes
		if math.Abs(float64(est-w.nodes)) > 0.25*float64(w.nodes)+2 {
			t.Errorf("%q: pre-scan estimates %d nodes, the parser makes %d", s, est, w.nodes)
		}
	}
}

// TestPrescanLinear guards the pre-scan against quadratic behaviour on
// long lines and deep nesting: it reads every file before parsing.
func TestPrescanLinear(t *testing.T) {
	inputs := map[string]string{
		"long flow line":   "a: [" + strings.Repeat("x, ", 1_000_000) + "y]\n",
		"many open quotes": strings.Repeat("a: 'x\n", 200_000),
		"deep flow":        strings.Repeat("[", 500_000),
		"deep block":       strings.Repeat("- ", 200_000) + "x\n",
	}
	for name, text := range inputs {
		t.Run(name, func(t *testing.T) {
			withTimeout(t, 5*time.Second, func() { prescan([]byte(text), 1, 1000) })
		})
	}
}
