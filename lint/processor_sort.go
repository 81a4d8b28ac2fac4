package lint

import (
	"context"
	"sort"

	"github.com/meshlint/meshlint/analyzers"
)

// sortFindings orders findings by file, line, column, rule and message, so
// that the same input always gives the same bytes.
type sortFindings struct{}

func (sortFindings) Name() string { return "sort" }

func (sortFindings) Process(_ context.Context, run *Run) error {
	sort.SliceStable(run.Findings, func(i, j int) bool { return analyzers.Less(run.Findings[i], run.Findings[j]) })
	return nil
}
