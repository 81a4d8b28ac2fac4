package yamldoc

import (
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/graph/source"
)

func TestLoadHostileAliases(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		problem ProblemKind
		line    int
	}{
		{"billion laughs", aliasBomb(10, 10), ProblemLimit, 1},
		{"billion laughs in second document", svc("a") + "---\n" + aliasBomb(10, 10), ProblemLimit, 6},
		{"merge bomb", mergeBomb(10, 10), ProblemLimit, 1},
		{"self-merging mapping", "a: &a {<<: *a}\n<<: *a\n", ProblemLimit, 1},
		{"self-containing sequence", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: &d [*d]\n", ProblemLimit, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var docs []*Document
			var values []any
			var problems []Problem
			withTimeout(t, 10*time.Second, func() { docs, values, problems = convertAll(Limits{}, "test.yaml", tt.text) })
			ps := problemsOf(problems, tt.problem)
			if len(ps) != 1 || ps[0].Location.Start.Line != tt.line {
				t.Fatalf("problems %+v; want one %s on line %d", problems, tt.problem, tt.line)
			}
			for _, v := range values {
				if m, _ := v.(map[string]any); m != nil && lookupValue(m, "metadata", "name") == "lol" {
					t.Errorf("the bomb was converted")
				}
			}
			for _, d := range docs {
				withTimeout(t, 10*time.Second, func() {
					d.Lookup("data.l9[0][0].missing")
					d.Lookup("m9.missing")
					d.Range("missing.path")
				})
			}
		})
	}
	// The limit is configurable and counts expanded nodes.
	l := Limits{MaxAliasExpanded: 500}
	_, values, problems := convertAll(l, "test.yaml", aliasBomb(2, 10))
	if len(problemsOf(problems, ProblemLimit)) != 0 || converted(values) != 1 {
		t.Errorf("a 2x10 expansion (about 130 nodes) hit a limit of 500: %+v", problems)
	}
	_, values, problems = convertAll(l, "test.yaml", aliasBomb(3, 10))
	if len(problemsOf(problems, ProblemLimit)) != 1 || converted(values) != 0 {
		t.Errorf("a 3x10 expansion (about 1,300 nodes) passed a limit of 500")
	}
}

func TestLoadFileLimits(t *testing.T) {
	text := svc("a") + "---\n" + svc("b") + "---\n" + svc("c")
	lf := LoadFile(source.Source{Path: "f.yaml", Content: []byte(text)}, Limits{MaxDocuments: 2})
	if len(lf.Documents) != 2 || len(lf.Problems) != 1 || lf.Problems[0].Kind != ProblemLimit || lf.Problems[0].Location.Start.Line != 10 {
		t.Errorf("documents %d problems %+v; want 2 and a limit at line 10", len(lf.Documents), lf.Problems)
	}
	lf = LoadFile(source.Source{Path: "f.yaml", Content: []byte(text)}, Limits{MaxFileBytes: 10})
	if len(lf.Documents) != 0 || len(lf.Problems) != 1 || lf.Problems[0].Kind != ProblemLimit || lf.Problems[0].Location.File != "f.yaml" {
		t.Errorf("documents %d problems %+v; want none and a limit", len(lf.Documents), lf.Problems)
	}
}

// TestLoadFileHelmChart: a chart's Chart.yaml, which a walk reads instead
// of the chart's templates, loads as a problem saying how to lint them.
func TestLoadFileHelmChart(t *testing.T) {
	lf := LoadFile(source.Source{Path: "mesh/payments/Chart.yaml", Content: []byte("apiVersion: v2\nname: payments\nversion: 0.1.0\n")}, Limits{})
	if len(lf.Documents) != 0 || len(lf.Problems) != 1 || lf.Problems[0].Kind != ProblemHelmChart ||
		!strings.Contains(lf.Problems[0].Message, "helm template") {
		t.Errorf("Chart.yaml loads as %d documents, problems %+v; want one helm-chart problem", len(lf.Documents), lf.Problems)
	}
	// A template named on its own is not parsed: {{ }} would be syntax errors.
	tmpl := source.Source{Path: "mesh/payments/templates/vs.yaml", Content: []byte("metadata:\n  name: {{ .Values.name }}\n{{- if .Values.x }}\n"), HelmChart: "mesh/payments"}
	lf = LoadFile(tmpl, Limits{})
	if len(lf.Documents) != 0 || len(lf.Problems) != 1 || lf.Problems[0].Kind != ProblemHelmChart ||
		!strings.Contains(lf.Problems[0].Message, `template of Helm chart "mesh/payments"`) {
		t.Errorf("a chart template loads as %d documents, problems %+v; want one helm-chart problem", len(lf.Documents), lf.Problems)
	}
}
