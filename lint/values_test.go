package lint_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/lint"
)

// TestLintLeavesValuesAlone runs every rule, the built-in policies
// included, over the rule fixtures and the examples as one mesh, and
// checks that no resource's value changed. The loader shares identical
// collections between resources (graph/yamldoc/fastshare.go): a rule
// that wrote into one would change what the others see.
func TestLintLeavesValuesAlone(t *testing.T) {
	var paths []string
	for _, dir := range []string{"../testdata/rules", examplesDir} {
		paths = append(paths, analysistest.Sources(t, dir)...)
	}
	sources, err := source.ReadSources(paths, nil)
	if err != nil {
		t.Fatal(err)
	}
	opts := lint.DefaultOptions()
	opts.AllRules = true
	g := graph.Build(yamldoc.LoadAll(sources, opts.Graph.Limits), opts.Graph)
	before := valuesOf(g)
	if len(before) < 100 {
		t.Fatalf("only %d resources loaded from the fixtures", len(before))
	}
	res, err := lint.Analyze(context.Background(), g, opts)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("no findings: the rules did not run")
	}
	after := valuesOf(g)
	for i := range before {
		if before[i] != after[i] {
			t.Errorf("a rule changed the value of resource %d:\nbefore: %s\nafter:  %s", i, before[i], after[i])
		}
	}
}

// valuesOf prints every resource's value, maps with their keys sorted.
func valuesOf(g *graph.Graph) []string {
	var out []string
	for _, r := range g.All() {
		out = append(out, fmt.Sprintf("%v %#v", r.Start(), r.Object))
	}
	return out
}
