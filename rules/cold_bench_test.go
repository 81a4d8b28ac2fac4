package rules_test

import (
	"context"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/scalemesh"
	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/rules"
)

// BenchmarkBuiltinPoliciesCold is what the pre-commit hook's process pays
// for the built-in policies, once: loading them and running them over its
// one file (six kinds) with nothing compiled yet. lint's BenchmarkPreCommit
// measures the warm state instead.
func BenchmarkBuiltinPoliciesCold(b *testing.B) {
	g := graph.Load([]source.Source{scalemesh.PreCommitFile()}, lint.DefaultOptions().Graph)
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		set, err := rules.Load(rules.Options{})
		if err != nil {
			b.Fatal(err)
		}
		res, err := analyzers.RunWith(ctx, g, set.Rules(), analyzers.Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Findings) > 0 {
			b.Fatal(res.Findings[0].Message)
		}
	}
}
