package lint

import (
	"context"
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// dedupe keeps the first of findings that say the same thing at the same
// place: a value reached through several YAML aliases is checked once per
// use, and every use reports at the anchor. One line for them is enough.
type dedupe struct{}

type findingKey struct {
	rule     *analyzers.Rule
	location graph.Location
	message  string
}

func (dedupe) Name() string { return "dedupe" }

func (dedupe) Process(_ context.Context, run *Run) error {
	seen := make(map[findingKey]bool, len(run.Findings))
	run.Findings = slices.DeleteFunc(run.Findings, func(f *analyzers.Finding) bool {
		k := findingKey{f.Rule, f.Location, f.Message}
		if seen[k] {
			return true
		}
		seen[k] = true
		return false
	})
	return nil
}
