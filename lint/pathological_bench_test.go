package lint_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/scalemesh"
	"github.com/meshlint/meshlint/lint"
)

// The pathological benchmarks lint inputs where one host, one Gateway, one
// selector or one file carries everything, at a tenth of the size and at
// the size the issue names: linear cost shows as the same ns/resource at
// both sizes (a quadratic join would show ten times as much).

func BenchmarkPathologicalHotHost(b *testing.B) {
	benchPathological(b, []int{500, 5000}, scalemesh.HotHost)
}

func BenchmarkPathologicalWideGateway(b *testing.B) {
	benchPathological(b, []int{1000, 10000}, scalemesh.WideGateway)
}

func BenchmarkPathologicalOneSelector(b *testing.B) {
	benchPathological(b, []int{1000, 10000}, scalemesh.OneSelector)
}

// BenchmarkPathologicalOneFile: 5 MB and 50 MB (with MESHLINT_BENCH_LARGE=1).
func BenchmarkPathologicalOneFile(b *testing.B) {
	for _, mb := range []int{5, 50} {
		b.Run(fmt.Sprintf("MB=%d", mb), func(b *testing.B) {
			if mb > 5 {
				skipLarge(b, 100000)
			}
			benchOnce(b, scalemesh.OneFile(mb<<20))
		})
	}
}

func benchPathological(b *testing.B, sizes []int, gen func(int) source.Source) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("n=%d", n), func(b *testing.B) { benchOnce(b, gen(n)) })
	}
}

// benchOnce lints src end to end with the default rules and reports the
// cost per resource.
func benchOnce(b *testing.B, src source.Source) {
	ctx, cfg := context.Background(), lint.DefaultOptions()
	in := []source.Source{src}
	b.SetBytes(int64(len(src.Content)))
	b.ReportAllocs()
	var resources int
	for b.Loop() {
		res, err := lint.Lint(ctx, in, cfg)
		if err != nil {
			b.Fatal(err)
		}
		resources = res.Summary.Resources
	}
	if resources > 0 {
		b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(resources), "ns/resource")
	}
}
