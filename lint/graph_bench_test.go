package lint_test

import (
	"context"
	"fmt"
	"io"
	"testing"

	"github.com/meshlint/meshlint/lint"
	"github.com/meshlint/meshlint/report/meshgraph"
)

// BenchmarkGraph is `meshlint graph` at 10,000 resources: the lint run it
// draws from, then the picture in every format. Beside BenchmarkLint at the
// same size it shows what drawing adds; the issue wants about the same
// time as linting. The Draw sub-benchmark times the drawing alone.
func BenchmarkGraph(b *testing.B) {
	const n = 10000
	src := benchMesh(n)
	ctx := context.Background()
	draw := func(b *testing.B, res *lint.Result) {
		m := meshgraph.Build(res.Graph, res.Findings)
		for _, f := range meshgraph.Formats() {
			if _, err := meshgraph.Write(io.Discard, f, m); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			res, err := lint.Lint(ctx, src, lint.DefaultOptions())
			if err != nil {
				b.Fatal(err)
			}
			draw(b, res)
		}
	})
	b.Run(fmt.Sprintf("Draw/resources=%d", n), func(b *testing.B) {
		res, err := lint.Lint(ctx, src, lint.DefaultOptions())
		if err != nil {
			b.Fatal(err)
		}
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			draw(b, res)
		}
	})
}
