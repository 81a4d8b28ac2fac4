// Package lint is meshlint's one entry point: sources in, report out. The
// CLI, the pre-commit mode and an editor integration all call Lint; it sits
// above analyzers (and, later, the Rego engine) because it combines them.
package lint

import (
	"context"
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/schemas"
)

// Config says how to load and which rules to run.
type Config struct {
	Graph graph.Options
	// Rules to run; nil means every built-in rule that runs by default.
	Rules []*analyzers.Rule
	// Severity overrides by rule ID.
	Severity map[string]analyzers.Severity
	// Schemas adds user CRDs to the embedded schemas; nil means the shared
	// embedded registry.
	Schemas *schemas.Registry
}

// CRDRegistry returns a registry of the embedded schemas plus the CRDs in
// paths (files or directories); an error names the file and line of a
// document that is not a CRD or does not parse.
func CRDRegistry(paths []string) (*schemas.Registry, error) {
	reg := schemas.NewRegistry()
	for _, p := range paths {
		entries, err := schemas.ReadCRDs(p)
		if err != nil {
			return nil, fmt.Errorf("--crd: %w", err)
		}
		for _, e := range entries {
			reg.AddUser(e)
		}
	}
	return reg, nil
}

// DefaultConfig is what the CLI uses without flags.
func DefaultConfig() Config {
	return Config{Graph: graph.DefaultOptions()}
}

// Lint loads sources into a graph, runs the rules and returns the report.
// The error is for internal failures only; problems in the input are findings.
func Lint(ctx context.Context, sources []source.Source, cfg Config) (*analyzers.Report, error) {
	g := graph.Load(sources, cfg.Graph)
	return Analyze(ctx, g, cfg)
}

// Analyze runs the configured rules over an already built graph.
func Analyze(ctx context.Context, g *graph.Graph, cfg Config) (*analyzers.Report, error) {
	rules := cfg.Rules
	if rules == nil {
		rules = analyzers.Defaults(catalog.All())
	}
	res, err := analyzers.RunWith(ctx, g, rules, analyzers.Options{Schemas: cfg.Schemas})
	if err != nil {
		return nil, err
	}
	findings := res.Findings
	for _, f := range findings {
		if s, ok := cfg.Severity[f.Rule.ID]; ok {
			f.Severity = s
		}
	}
	rep := &analyzers.Report{Findings: findings, Rules: rules, Debug: res.Debug}
	rep.Summary.Files = len(g.Files)
	rep.Summary.Documents = g.Documents
	rep.Summary.NotObjects = len(g.NotObjects)
	for _, n := range g.NotObjects {
		rep.Debug = append(rep.Debug, fmt.Sprintf("%s:%d: not a Kubernetes object (%s); not analyzed", n.File, n.Start.Line, n.Why))
	}
	rep.Summary.Resources = len(g.Resources)
	rep.Count()
	return rep, nil
}
