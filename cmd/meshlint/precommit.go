package main

import (
	"path/filepath"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/gitrepo"
	"github.com/meshlint/meshlint/lint"
)

// The pre-commit mode (--pre-commit) is what the hook's entry runs: the
// hook passes the changed files, which alone are not a mesh (a route's
// subset is defined in a file the commit did not touch), so the whole
// repository is analyzed and only the changed files' findings, or those
// pointing at them, are reported: an old finding in an untouched file does
// not block the commit.

// preCommitArgs returns the PATHs to analyze: with --pre-commit, none
// (the repository, see preCommitInputs), the arguments being the changed
// files, which join --only.
func preCommitArgs(f *lintFlags, args []string) ([]string, error) {
	if !f.preCommit {
		return args, nil
	}
	if len(args) == 0 {
		return nil, usagef("--pre-commit: no changed files given (the hook passes them as arguments)")
	}
	if slices.Contains(args, "-") {
		return nil, usagef("--pre-commit: the changed files are files; stdin (-) cannot be one")
	}
	f.only = append(f.only, args...)
	return nil, nil
}

// preCommitInputs makes the repository the input of the pre-commit mode:
// the config's paths when it has some, else every manifest git tracks
// below the working directory, as a walk of it would find them.
func preCommitInputs(f *lintFlags, in lint.Inputs) (lint.Inputs, error) {
	if !f.preCommit || (in.Config != nil && len(in.Config.Paths) > 0) {
		return in, nil
	}
	if _, err := gitrepo.Open("."); err != nil {
		return in, usagef("--pre-commit: the working directory is not in a git work tree; list the manifests to analyze in the config's paths")
	}
	tracked, err := gitrepo.Tracked(".")
	if err != nil {
		return in, err
	}
	in.Paths, in.Listed = trackedManifests(tracked, in.Config), true
	if len(in.Paths) == 0 { // nothing tracked yet: the changed files alone
		in.Paths, in.Listed = in.Only, false
	}
	return in, nil
}

// trackedManifests keeps the files a walk of the working directory would
// read, in its order: manifests, not hidden, not ignored by the config, and
// of a Helm chart only its Chart.yaml (its templates are YAML only once
// rendered).
func trackedManifests(files []string, cf *lint.File) []string {
	charts := map[string]bool{}
	for _, name := range files {
		if filepath.Base(name) == source.HelmChartFile {
			charts[filepath.Dir(name)] = true
		}
	}
	var kept []string
	for _, name := range files {
		if source.IsManifestFile(name) && !hiddenPath(name) && !inChart(name, charts) && !lint.Ignored(cf, name) {
			kept = append(kept, name)
		}
	}
	slices.SortFunc(kept, func(a, b string) int {
		return slices.Compare(strings.Split(filepath.ToSlash(a), "/"), strings.Split(filepath.ToSlash(b), "/"))
	})
	return kept
}

// hiddenPath reports whether a relative path has a component a walk skips.
func hiddenPath(name string) bool {
	return slices.ContainsFunc(strings.Split(filepath.ToSlash(name), "/"), func(c string) bool { return strings.HasPrefix(c, ".") })
}

// inChart reports whether name lies in a chart directory (the outermost
// one decides, as a walk stops there) and is not that chart's Chart.yaml.
func inChart(name string, charts map[string]bool) bool {
	parts := strings.Split(filepath.ToSlash(name), "/")
	for i := 0; i < len(parts); i++ {
		dir := filepath.Join(".", filepath.FromSlash(strings.Join(parts[:i], "/")))
		if charts[dir] {
			return name != filepath.Join(dir, source.HelmChartFile)
		}
	}
	return false
}
