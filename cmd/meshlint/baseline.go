package main

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/lint"
)

// readBaseline reads --baseline before anything is linted, so that a
// mistyped name fails at once rather than after a long run.
func readBaseline(f *lintFlags) (*lint.Baseline, error) {
	if f.baseline == "" {
		return nil, nil
	}
	b, err := lint.ReadBaseline(f.baseline)
	if err != nil {
		return nil, fmt.Errorf("--baseline: %v", err)
	}
	return b, nil
}

// applyBaseline suppresses the findings of --baseline and, with
// --write-baseline, records the findings as the new baseline, which then
// absorbs all of them. It returns how many entries of --baseline are stale.
func applyBaseline(f *lintFlags, base *lint.Baseline, rep *analyzers.Report) (stale int, err error) {
	if base != nil {
		stale = base.Apply(rep)
	}
	if f.writeBaseline == "" {
		return stale, nil
	}
	data, err := lint.MarshalBaseline(rep)
	if err != nil {
		return 0, err
	}
	if err := writeFileAtomic("--write-baseline", f.writeBaseline, data); err != nil {
		return 0, err
	}
	for _, fd := range rep.Findings {
		fd.Suppressed = true
	}
	rep.Count()
	return 0, nil
}
