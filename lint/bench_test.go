package lint_test

import (
	"context"
	"fmt"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/lint"
)

// The benchmarks measure the performance targets of DESIGN.md: pre-commit
// latency, whole-mesh throughput at 1k/10k/100k resources, and the ratio of
// total lint time to the YAML parsing floor (compare BenchmarkLint and
// BenchmarkParseOnly at the same size; BenchmarkGraphBuild isolates the
// step in between). Inputs are generated before the timer starts so that
// only meshlint's work is measured.

// largeEnv enables the 100,000-resource size, which needs a few GiB and
// tens of seconds per run: too much for a default `make bench`.
const largeEnv = "MESHLINT_BENCH_LARGE"

// BenchmarkPreCommit is the pre-commit hook's case: one small file, end to
// end, default configuration. After the first iteration the lazily built
// state (schemas, compiled policies) is warm, so this is the steady-state
// cost; a cold process start is measured on the binary, not here.
func BenchmarkPreCommit(b *testing.B) {
	src := []source.Source{preCommitFile()}
	cfg := lint.DefaultOptions()
	ctx := context.Background()
	mustBeClean(b, src, cfg)
	b.SetBytes(int64(len(src[0].Content)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := lint.Lint(ctx, src, cfg); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkLint lints whole generated meshes end to end.
func BenchmarkLint(b *testing.B) {
	for _, n := range []int{1000, 10000, 100000} {
		b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
			skipLarge(b, n)
			benchLint(b, benchMesh(n), lint.DefaultOptions())
		})
	}
}

// benchLint lints src with cfg end to end, b.N times, after checking
// once, untimed, that it is clean.
func benchLint(b *testing.B, src []source.Source, cfg lint.Options) {
	ctx := context.Background()
	resources := mustBeClean(b, src, cfg)
	b.SetBytes(totalBytes(src))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := lint.Lint(ctx, src, cfg); err != nil {
			b.Fatal(err)
		}
	}
	reportResourceRate(b, resources)
}

// BenchmarkParseOnly is the floor: the same input parsed the way
// graph.Load parses it (LoadFile per source, GOMAXPROCS workers), without
// building the graph or running rules. DESIGN.md wants BenchmarkLint within
// 1.5x of this at the same size.
func BenchmarkParseOnly(b *testing.B) {
	const n = 10000
	b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
		src := benchMesh(n)
		limits := lint.DefaultOptions().Graph.Limits
		b.SetBytes(totalBytes(src))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			parseAll(src, limits)
		}
	})
}

// BenchmarkGraphBuild measures graph.Build alone: resources, typed specs,
// indexes and edges from files loaded once before the timer, as the binary
// loads them (yamldoc.LoadAll, which also converts the documents' values:
// that is the parse stage's work, not the build's). Build only reads the
// loaded files, so the same files can be built from repeatedly.
func BenchmarkGraphBuild(b *testing.B) {
	const n = 10000
	b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
		src := benchMesh(n)
		opts := lint.DefaultOptions().Graph
		files := yamldoc.LoadAll(src, opts.Limits)
		resources := len(graph.Build(files, opts).Resources)
		b.SetBytes(totalBytes(src))
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			graph.Build(files, opts)
		}
		reportResourceRate(b, resources)
	})
}

// parseAll parses every source with the same worker pool as graph.Load, so
// that the parse-only floor compares like with like.
func parseAll(sources []source.Source, limits yamldoc.Limits) []*yamldoc.LoadedFile {
	files := make([]*yamldoc.LoadedFile, len(sources))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				files[i] = yamldoc.LoadFile(sources[i], limits)
			}
		}()
	}
	for i := range sources {
		next <- i
	}
	close(next)
	wg.Wait()
	return files
}

// benchMesh generates a clean mesh of about n resources.
func benchMesh(n int) []source.Source {
	return genMesh(meshShape(n))
}

func skipLarge(b *testing.B, n int) {
	if n > 10000 && os.Getenv(largeEnv) != "1" {
		b.Skipf("%d resources needs several GiB and minutes; set %s=1 to run it", n, largeEnv)
	}
}

// mustBeClean lints once, untimed, and fails if the input has findings: a
// benchmark over input that trips rules would measure finding and
// reporting, not the clean path real repositories take. It returns the
// number of resources loaded, for the rate metric.
func mustBeClean(b *testing.B, src []source.Source, cfg lint.Options) int {
	b.Helper()
	rep, err := lint.Lint(context.Background(), src, cfg)
	if err != nil {
		b.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		b.Fatalf("benchmark input has %d findings, first: %s", len(rep.Findings), findingLines(rep.Report)[0])
	}
	return rep.Summary.Resources
}

func totalBytes(src []source.Source) int64 {
	var n int64
	for _, s := range src {
		n += int64(len(s.Content))
	}
	return n
}

// reportResourceRate adds resources/s, the unit the DESIGN targets use.
func reportResourceRate(b *testing.B, resources int) {
	if s := b.Elapsed().Seconds(); s > 0 {
		b.ReportMetric(float64(resources)*float64(b.N)/s, "resources/s")
	}
}

// BenchmarkLintGoRules is BenchmarkLint at 10,000 resources without the
// Rego policies: side by side with it, the cost of the Rego stage, which
// the design bounds at 20% of the run.
func BenchmarkLintGoRules(b *testing.B) {
	const n = 10000
	b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
		cfg := lint.DefaultOptions()
		cfg.Rules = catalog.All()
		benchLint(b, benchMesh(n), cfg)
	})
}

// BenchmarkBuiltinPolicies runs only the built-in Rego policies over a
// graph built before the timer: converting the graph for them and
// evaluating them (the design wants under 300 ms at 10,000 resources).
func BenchmarkBuiltinPolicies(b *testing.B) {
	const n = 10000
	b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
		set, err := lint.BuiltinPolicies()
		if err != nil {
			b.Fatal(err)
		}
		g := graph.Load(benchMesh(n), lint.DefaultOptions().Graph)
		ctx := context.Background()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			res, err := analyzers.RunWith(ctx, g, set.Rules(), analyzers.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Findings) > 0 {
				b.Fatalf("%d findings, first: %s", len(res.Findings), res.Findings[0].Message)
			}
		}
		reportResourceRate(b, len(g.Resources))
	})
}

// BenchmarkSchemaRules runs only the schema stage's rules (ML01xx, ML02xx,
// as -v books them) over a graph built before the timer: structural
// validation, the fast check and the CEL rules, warm (schemas and CEL
// programs compiled by the untimed first run).
func BenchmarkSchemaRules(b *testing.B) {
	const n = 10000
	b.Run(fmt.Sprintf("resources=%d", n), func(b *testing.B) {
		var rules []*analyzers.Rule
		for _, r := range catalog.All() {
			if strings.HasPrefix(r.ID, "ML01") || strings.HasPrefix(r.ID, "ML02") {
				rules = append(rules, r)
			}
		}
		g := graph.Load(benchMesh(n), lint.DefaultOptions().Graph)
		ctx := context.Background()
		run := func() {
			res, err := analyzers.RunWith(ctx, g, rules, analyzers.Options{})
			if err != nil {
				b.Fatal(err)
			}
			if len(res.Findings) > 0 {
				b.Fatalf("%d findings, first: %s", len(res.Findings), res.Findings[0].Message)
			}
		}
		run()
		b.ReportAllocs()
		b.ResetTimer()
		for i := 0; i < b.N; i++ {
			run()
		}
		reportResourceRate(b, len(g.Resources))
	})
}
