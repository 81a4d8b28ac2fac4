package lint

import (
	"context"
	"path/filepath"
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// only serves pre-commit hooks and pull-request checks: the changed files
// are linted in the context of the whole mesh (a reference is only broken
// if nothing anywhere defines its target), but only their findings are
// reported and decide the exit code. It keeps the findings in the files,
// and those with a related location there: a DestinationRule changed to
// drop a subset breaks a VirtualService in a file the change did not
// touch, and the finding on that VirtualService points back at it.
type only struct {
	files map[string]bool // absolute names; nil keeps everything
	dir   string
}

func newOnly(files []string, dir string) only {
	if len(files) == 0 {
		return only{}
	}
	p := only{files: map[string]bool{}, dir: dir}
	for _, f := range files {
		p.files[absIn(dir, f)] = true
	}
	return p
}

func (only) Name() string { return "only" }

func (p only) Process(_ context.Context, run *Run) error {
	if p.files == nil {
		return nil
	}
	run.Findings = slices.DeleteFunc(run.Findings, func(f *analyzers.Finding) bool {
		if p.files[absIn(p.dir, f.Location.File)] {
			return false
		}
		// A related location without a file (an implied resource) is in no file.
		return !slices.ContainsFunc(f.Related, func(r graph.RelatedLocation) bool {
			return r.Location.File != "" && p.files[absIn(p.dir, r.Location.File)]
		})
	})
	return nil
}

// absIn makes a file name comparable however it was written: absolute,
// relative names read against dir (the working directory when ""). A name
// that cannot be made absolute is compared as given.
func absIn(dir, name string) string {
	name = filepath.FromSlash(name)
	if filepath.IsAbs(name) {
		return filepath.Clean(name)
	}
	if dir != "" {
		return filepath.Join(dir, name)
	}
	abs, err := filepath.Abs(name)
	if err != nil {
		return name
	}
	return abs
}
