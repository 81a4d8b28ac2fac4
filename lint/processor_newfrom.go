package lint

import "context"

// newFrom drops the findings an earlier revision of the tree already had
// (--new-from-rev): matched by fingerprint, which names the resource and
// field rather than the line, so that a finding that only moved is not new.
type newFrom struct {
	old *Baseline // nil: drop none
}

func (newFrom) Name() string { return "new-from" }

func (p newFrom) Process(_ context.Context, run *Run) error {
	if p.old != nil {
		run.Findings, run.Preexisting = p.old.Drop(run.Findings)
	}
	return nil
}
