package lint

import (
	"context"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/schemas"
)

// runRules runs the chosen rules over the graph.
type runRules struct {
	schemas *schemas.Registry
	options map[string]map[string]any
}

func (runRules) Name() string { return "rules" }

func (p runRules) Process(ctx context.Context, run *Run) error {
	res, err := analyzers.RunWith(ctx, run.Graph, run.Rules, analyzers.Options{Schemas: p.schemas, RuleOptions: p.options})
	if err != nil {
		return err
	}
	run.Findings = res.Findings
	if run.timings != nil {
		run.timings.addRules(run.Rules, res.Elapsed)
	}
	run.Debug = append(run.Debug, res.Debug...)
	return nil
}
