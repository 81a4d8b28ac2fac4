package analyzers_test

import (
	"context"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/schemas"
)

func testGraph(t *testing.T) *graph.Graph {
	t.Helper()
	src := source.Source{Path: "a.yaml", Content: []byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n")}
	return graph.Load([]source.Source{src}, graph.DefaultOptions())
}

func TestFactComputedOncePerRun(t *testing.T) {
	var computed atomic.Int32
	count := &analyzers.Fact[int]{Name: "resource-count", Compute: func(g *graph.Graph, _ *schemas.Registry) int {
		computed.Add(1)
		return len(g.Resources)
	}}
	var rules []*analyzers.Rule
	for _, id := range []string{"ML9001", "ML9002", "ML9003"} {
		rules = append(rules, &analyzers.Rule{ID: id, Name: "r" + id[2:], Severity: analyzers.SeverityInfo,
			Requires: []analyzers.Requirement{count},
			Run: func(p *analyzers.Pass) {
				if n := count.Of(p); n != 1 {
					t.Errorf("%s read %d resources, want 1", p.Rule.ID, n)
				}
			}})
	}
	if _, err := analyzers.Run(context.Background(), testGraph(t), rules); err != nil {
		t.Fatal(err)
	}
	if n := computed.Load(); n != 1 {
		t.Errorf("fact computed %d times in one run, want once", n)
	}
}

func TestUndeclaredFactIsAnError(t *testing.T) {
	fact := &analyzers.Fact[bool]{Name: "anything", Compute: func(*graph.Graph, *schemas.Registry) bool { return true }}
	rule := &analyzers.Rule{ID: "ML9001", Name: "sneaky", Severity: analyzers.SeverityInfo,
		Run: func(p *analyzers.Pass) { fact.Of(p) }}
	_, err := analyzers.Run(context.Background(), testGraph(t), []*analyzers.Rule{rule})
	if err == nil || !strings.Contains(err.Error(), "ML9001 reads fact anything without declaring it") {
		t.Errorf("err = %v, want the undeclared fact named", err)
	}
}
