package main

import (
	"fmt"

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

// writeBaseline records, with --write-baseline, the findings the engine
// kept for a new baseline.
func writeBaseline(f *lintFlags, res *lint.Result) error {
	if f.writeBaseline == "" {
		return nil
	}
	data, err := lint.MarshalBaseline(res.NewBaseline)
	if err != nil {
		return err
	}
	return writeFileAtomic("--write-baseline", f.writeBaseline, data)
}
