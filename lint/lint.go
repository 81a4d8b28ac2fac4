// Package lint is meshlint's one entry point: sources in, report out. The
// CLI, the pre-commit mode and an editor integration all call Lint; it sits
// above analyzers (and, later, the Rego engine) because it combines them.
//
// Lint loads the sources into a graph, then hands a Run down an ordered
// chain of processors (see chain): choosing the rules, running them, and
// the policy on what they found — severities, baseline, --only, file
// names, order. Every front end gets the same policy by calling Lint.
package lint

import (
	"context"
	"fmt"
	"time"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
	"github.com/meshlint/meshlint/schemas"
)

// Options say how to load, which rules to run and what to do with their
// findings. The zero value of every field but Graph means "as without flags".
type Options struct {
	Graph graph.Options
	// Schemas adds user CRDs to the embedded schemas; nil means the shared
	// embedded registry.
	Schemas *schemas.Registry

	// Rules are the rules to choose from; nil means every built-in rule.
	Rules []*analyzers.Rule
	// Enable runs only these rules, by ID, name or istioctl code; when
	// empty, every rule runs but the NonDefault ones (all of them with
	// AllRules). StrictKinds adds kind-without-schema. Disable wins.
	Enable, Disable []string
	AllRules        bool
	StrictKinds     bool
	// NoApplyOrder says the input is not applied in the order given (a
	// tool such as Argo CD or Helm sorts it by kind): the apply-order
	// rules (category ML7xxx) do not run, whatever Enable says.
	NoApplyOrder bool

	// RuleOptions set rule options by rule ID (see analyzers.ParseOptions).
	RuleOptions map[string]map[string]any

	// Severity overrides the severity of findings, by rule ID.
	Severity map[string]analyzers.Severity
	// Baseline suppresses the findings it records; nil means none.
	Baseline *Baseline
	// WriteBaseline makes the run record a new baseline: Result.NewBaseline
	// holds every finding, which the new baseline then absorbs.
	WriteBaseline bool
	// NewFrom drops the findings it records (those of the tree at an
	// earlier revision, --new-from-rev): what is left is what is new,
	// wherever it lands. nil drops none.
	NewFrom *Baseline
	// NoInlineSuppressions ignores the suppressions written in the
	// analyzed files (comments and annotations, docs/suppressions.md):
	// only the config and the baseline suppress.
	NoInlineSuppressions bool
	// Only keeps the findings in these files or with a related location in
	// them; empty keeps all.
	Only []string
	// WorkDir is the directory file names in findings are made relative
	// to, and relative names in Only are read against; "" leaves file
	// names as the sources gave them.
	WorkDir string
	// Timings, when set, receives how long each stage took.
	Timings *Timings
}

// DefaultOptions are what the CLI uses without flags.
func DefaultOptions() Options {
	return Options{Graph: graph.DefaultOptions()}
}

// Result is the report every writer renders, plus what the run found out
// about the baseline.
type Result struct {
	*analyzers.Report
	// StaleBaseline counts the entries of Options.Baseline that matched no
	// finding: fixed since the baseline was written.
	StaleBaseline int
	// NewBaseline are the findings a new baseline records (WriteBaseline).
	NewBaseline []*analyzers.Finding
	// Preexisting counts the findings Options.NewFrom dropped.
	Preexisting int
	// Graph is the resolved graph the findings point into, for pictures
	// of it (meshlint graph, coverage) that must not join it again.
	Graph *graph.Graph
}

// CRDRegistry returns a registry of the embedded schemas plus the CRDs in
// paths (files or directories), and the documents skipped there as not
// CRDs; an error names the file and line of a CRD that does not parse, or
// a path that holds no CRD.
func CRDRegistry(paths []string) (reg *schemas.Registry, skipped []string, err error) {
	reg = schemas.NewRegistry()
	for _, p := range paths {
		crds, err := schemas.ReadCRDs(p)
		if err != nil {
			return nil, nil, fmt.Errorf("--crd: %w", err)
		}
		for _, e := range crds.Entries {
			reg.AddUser(e)
		}
		skipped = append(skipped, crds.Skipped...)
	}
	return reg, skipped, nil
}

// Lint loads sources into a graph, runs the rules and returns the report.
// The error is for mistakes in opts (an *UnknownRuleError) and internal
// failures only; problems in the input are findings.
func Lint(ctx context.Context, sources []source.Source, opts Options) (*Result, error) {
	procs, err := chain(opts) // first: a mistyped rule fails before any loading
	if err != nil {
		return nil, err
	}
	t := opts.Timings
	if t == nil {
		t = new(Timings)
	}
	start := time.Now()
	files := yamldoc.LoadAll(sources, opts.Graph.Limits)
	parsed := time.Now()
	g := graph.Build(files, opts.Graph)
	t.Parse, t.Graph = parsed.Sub(start), time.Since(parsed)
	return process(ctx, g, procs, t)
}

// Analyze is Lint over an already built graph.
func Analyze(ctx context.Context, g *graph.Graph, opts Options) (*Result, error) {
	procs, err := chain(opts)
	if err != nil {
		return nil, err
	}
	return process(ctx, g, procs, opts.Timings)
}

// Validate reports the mistakes in opts that Lint would, without linting,
// so that a front end can say so before reading any input.
func Validate(opts Options) error {
	_, err := chain(opts)
	return err
}

func process(ctx context.Context, g *graph.Graph, procs []Processor, t *Timings) (*Result, error) {
	if t == nil {
		t = new(Timings)
	}
	run := &Run{Graph: g, timings: t}
	for _, p := range procs {
		start := time.Now()
		if err := p.Process(ctx, run); err != nil {
			return nil, err
		}
		if _, ok := p.(runRules); ok {
			t.Rules += time.Since(start)
		} else {
			t.Report += time.Since(start)
		}
	}
	return run.result(), nil
}

// result builds the report from what the processors left.
func (run *Run) result() *Result {
	g := run.Graph
	rep := &analyzers.Report{Findings: run.Findings, Rules: run.Rules, Debug: run.Debug}
	rep.Summary.Files = len(g.Files)
	rep.Summary.Documents = g.Documents
	rep.Summary.NotObjects = len(g.NotObjects)
	for _, n := range g.NotObjects {
		rep.Debug = append(rep.Debug, fmt.Sprintf("%s:%d: not a Kubernetes object (%s); not analyzed", n.File, n.Start.Line, n.Why))
	}
	rep.Summary.Resources = len(g.Resources)
	rep.Count()
	return &Result{Report: rep, StaleBaseline: run.StaleBaseline, NewBaseline: run.NewBaseline, Preexisting: run.Preexisting, Graph: g}
}
