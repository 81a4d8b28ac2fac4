package lint

import (
	"context"

	"github.com/meshlint/meshlint/analyzers"
)

// severity applies the configured severity overrides, by rule ID, to every
// finding of the rule: also to those the rule reported below or above its
// default (Finding.WithSeverity), since the user's word is about the rule.
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
