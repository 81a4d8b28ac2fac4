package lint

import (
	"context"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// Processor is one step of the engine: it reads and changes the Run.
// Each lives in its own file, processor_<name>.go.
type Processor interface {
	Name() string
	Process(ctx context.Context, run *Run) error
}

// Run is what the processors hand down the chain.
type Run struct {
	Graph *graph.Graph
	// Rules are the rules chosen to run.
	Rules    []*analyzers.Rule
	Findings []*analyzers.Finding
	// Debug are messages about the run itself (--verbose).
	Debug []string
	// StaleBaseline and NewBaseline: see Result.
	StaleBaseline int
	NewBaseline   []*analyzers.Finding
	// Preexisting: see Result.
	Preexisting int
	// timings receives the rules' times; never nil in a run.
	timings *Timings
}

// chain returns the processors for opts in the order they run, or the
// first mistake in opts. The order matters:
//
//  1. selection: what runs is settled before anything runs.
//  2. rules: the rules over the graph.
//  3. dedupe: one finding per rule, place and message, before anything
//     counts findings (a baseline entry absorbs exactly one).
//  4. suppress: the suppressions written in the files, over the rules'
//     findings. Its own findings (ML0009, ML0010) then take the steps
//     below like any other; what it silenced needs no baseline entry.
//  5. severity: config overrides, so that every later step and the exit
//     code see the final severity.
//  6. relativize: file names as the user reads them. The baseline records
//     these names, and a file-level finding's fingerprint hashes its file
//     name, so they must be final before the baseline.
//  7. baseline: over every analyzed file, before --only: entries for the
//     files --only leaves out are not stale, and a new baseline records
//     the whole mesh.
//  8. only: keep the findings in, or pointing at, the --only files.
//  9. sort: last, by the file names the report prints.
//
// newFrom (--new-from-rev) drops what an earlier revision already had:
// after the baseline, whose entries it must not leave stale, and before
// --only, since what a change breaks may land in a file it did not touch.
func chain(opts Options) ([]Processor, error) {
	sel, err := newSelection(opts)
	if err != nil {
		return nil, err
	}
	return []Processor{
		sel,
		runRules{schemas: opts.Schemas, options: opts.RuleOptions},
		dedupe{},
		suppress{off: opts.NoInlineSuppressions, all: sel.all},
		severity{overrides: opts.Severity},
		relativize{dir: opts.WorkDir},
		baseline{known: opts.Baseline, record: opts.WriteBaseline},
		newFrom{old: opts.NewFrom},
		newOnly(opts.Only, opts.WorkDir),
		sortFindings{},
	}, nil
}
