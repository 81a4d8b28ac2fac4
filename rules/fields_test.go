package rules

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/scalemesh"
)

func TestShapeKeepsOnlyDeclaredFields(t *testing.T) {
	s, err := parseFields([]any{"kind", "spec.http[].timeout", "spec.rules[]{}", "spec.http[]{}"})
	if err != nil {
		t.Fatal(err)
	}
	doc := map[string]any{
		"kind":     "VirtualService",
		"metadata": map[string]any{"name": "x"},
		"spec": map[string]any{
			"hosts": []any{"a"},
			"http":  []any{map[string]any{"timeout": "1s", "route": []any{}}, "odd", map[string]any{"retries": nil}},
			"rules": map[string]any{"a": map[string]any{"from": 1}, "b": 3},
		},
	}
	got, err := s.withKeys().project(doc)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"kind": "VirtualService", "spec": {"http": [{"timeout": "1s"}, "odd", {}], "rules": {"a": {}, "b": 3}}}`
	if !got.Equal(ast.MustParseTerm(want)) {
		t.Errorf("got %v, want %v", got, want)
	}
}

func TestParseFieldsErrors(t *testing.T) {
	for _, bad := range []any{"spec", []any{"spec..x"}, []any{"a[b]"}, []any{"spec.x", "spec[]"}, []any{3}} {
		if _, err := parseFields(bad); err == nil {
			t.Errorf("parseFields(%v): no error", bad)
		}
	}
}

// TestFieldsKeepFindings checks that each built-in policy finds the same
// with its custom.fields, alone and beside the others', as over whole
// documents: on the policies' examples, on a generated mesh with
// mistakes, and on values of unexpected types.
func TestFieldsKeepFindings(t *testing.T) {
	set, err := Load(Options{})
	if err != nil {
		t.Fatal(err)
	}
	union := set.shapes
	for name, sources := range fieldsCorpus(t, set) {
		g := graph.Load(sources, graph.DefaultOptions())
		set.shapes = nil
		want := findingsOf(t, g, set.Rules())
		set.shapes = union
		if got := findingsOf(t, g, set.Rules()); !slices.Equal(got, want) {
			t.Errorf("%s: with custom.fields\n%q\nover whole documents\n%q", name, got, want)
		}
		for _, p := range set.Policies {
			set.shapes = shapesOf([]*Policy{p})
			got := findingsOf(t, g, []*analyzers.Rule{p.Rule})
			if mine := slices.DeleteFunc(slices.Clone(want), func(f string) bool { return !strings.HasPrefix(f, p.Rule.ID+" ") }); !slices.Equal(got, mine) {
				t.Errorf("%s, %s alone: with custom.fields\n%q\nover whole documents\n%q", name, p.Rule.ID, got, mine)
			}
		}
		if name == "edge cases" && len(want) < 5 {
			t.Errorf("%s: %d findings, want at least 5: %q", name, len(want), want)
		}
	}
	set.shapes = union
}

var yamlBlock = regexp.MustCompile("(?s)```yaml\n(.*?)```")

func fieldsCorpus(t *testing.T, set *Set) map[string][]source.Source {
	edge, err := os.ReadFile("testdata/fields-edge-cases.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m := scalemesh.All()
	m.Percent, m.Seed = 30, 7
	corpus := map[string][]source.Source{
		"edge cases": {{Path: "edge.yaml", Content: edge}},
		"scalemesh":  scalemesh.MeshWith(4, 5, m),
	}
	for _, p := range set.Policies {
		for i, block := range yamlBlock.FindAllStringSubmatch(p.Rule.DocText(), -1) {
			name := fmt.Sprintf("%s example %d", p.Rule.ID, i)
			corpus[name] = []source.Source{{Path: "example.yaml", Content: []byte(block[1])}}
		}
	}
	return corpus
}

func findingsOf(t *testing.T, g *graph.Graph, rules []*analyzers.Rule) []string {
	t.Helper()
	findings, err := analyzers.Run(context.Background(), g, rules)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range findings {
		out = append(out, fmt.Sprintf("%s %v %s %s %s", f.Rule.ID, f.Location, f.Severity, f.Path, f.Message))
	}
	return out
}
