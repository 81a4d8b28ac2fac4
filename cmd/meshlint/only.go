package main

import (
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// --only serves pre-commit hooks and pull-request checks: the changed
// files are linted in the context of the whole mesh (a reference is only
// broken if nothing anywhere defines its target), but only their findings
// are reported and decide the exit code.

// addOnlyFiles adds the --only files that the PATHs do not already cover,
// so that a changed file outside them is still linted. Files that do not
// exist (deleted in the change), are not manifests (README.md) or are
// ignored by the config are skipped: a hook passes whatever changed.
func addOnlyFiles(sources []source.Source, only []string, cf *lint.File, maxBytes int) ([]source.Source, error) {
	have := map[string]bool{}
	for _, s := range sources {
		have[absPath(s.Path)] = true
	}
	var extra []string
	for _, o := range only {
		info, err := os.Stat(o)
		if err != nil || !info.Mode().IsRegular() || !source.IsManifestFile(o) || lint.Ignored(cf, o) || have[absPath(o)] {
			continue
		}
		have[absPath(o)] = true
		extra = append(extra, o)
	}
	if len(extra) == 0 {
		return sources, nil
	}
	more, err := source.ReadSourcesLimit(extra, nil, maxBytes)
	if err != nil {
		return nil, err
	}
	sources = append(sources, more...)
	slices.SortFunc(sources, func(a, b source.Source) int { return strings.Compare(a.Path, b.Path) })
	return sources, nil
}

// keepOnly keeps the findings in the --only files, and those with a
// related location there: a DestinationRule changed to drop a subset
// breaks a VirtualService in a file the change did not touch, and the
// finding on that VirtualService points back at the DestinationRule.
func keepOnly(rep *analyzers.Report, only []string) {
	if len(only) == 0 {
		return
	}
	want := map[string]bool{}
	for _, o := range only {
		want[absPath(o)] = true
	}
	rep.Findings = slices.DeleteFunc(rep.Findings, func(f *analyzers.Finding) bool {
		if want[absPath(f.Location.File)] {
			return false
		}
		return !slices.ContainsFunc(f.Related, func(r graph.RelatedLocation) bool { return want[absPath(r.Location.File)] })
	})
	rep.Count()
}

// absPath makes paths comparable however they were written; a path that
// cannot be made absolute is compared as given.
func absPath(p string) string {
	abs, err := filepath.Abs(filepath.FromSlash(p))
	if err != nil {
		return p
	}
	return abs
}
