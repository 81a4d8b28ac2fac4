package lint

import (
	"context"
	"slices"

	"github.com/meshlint/meshlint/analyzers"
)

// baseline suppresses the findings a baseline knows and counts its stale
// entries; when recording, it keeps every finding for the new baseline,
// which then absorbs all of them.
type baseline struct {
	known  *Baseline // nil: none
	record bool
}

func (baseline) Name() string { return "baseline" }

func (p baseline) Process(_ context.Context, run *Run) error {
	if p.known != nil {
		run.StaleBaseline = p.known.Apply(run.Findings)
	}
	if !p.record {
		return nil
	}
	// What the files suppress themselves needs no baseline entry.
	run.NewBaseline = slices.DeleteFunc(slices.Clone(run.Findings), func(f *analyzers.Finding) bool { return f.InSource })
	for _, f := range run.Findings {
		f.Suppressed = true
	}
	run.StaleBaseline = 0 // the old baseline is being replaced
	return nil
}
