package lint

import (
	"context"

	"github.com/meshlint/meshlint/analyzers"
)

// severity applies the configured severity overrides, by rule ID.
type severity struct {
	overrides map[string]analyzers.Severity
}

func (severity) Name() string { return "severity" }

func (s severity) Process(_ context.Context, run *Run) error {
	for _, f := range run.Findings {
		if sev, ok := s.overrides[f.Rule.ID]; ok {
			f.Severity = sev
		}
	}
	return nil
}
