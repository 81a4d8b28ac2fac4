package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/internal/gitrepo"
	"github.com/meshlint/meshlint/lint"
)

// --new-from-rev REV lints the tree at REV as well, with the same inputs
// and options, and reports only the findings REV does not have. Comparing
// findings rather than changed lines is what catches a change that breaks
// an unchanged file: a DestinationRule edit that drops the subset a
// VirtualService elsewhere routes to.

// lintRevision returns the findings of the tree at --new-from-rev (or at
// the merge base of --new-from-merge-base and HEAD), as a baseline for
// the current run; nil without those flags.
func lintRevision(f *lintFlags, in lint.Inputs, opts lint.Options) (*lint.Baseline, error) {
	flag, rev := revisionFlag(f)
	if flag == "" {
		return nil, nil
	}
	if f.newFromRev != "" && f.newFromMergeBase != "" {
		return nil, usagef("--new-from-rev and --new-from-merge-base: give one")
	}
	if slices.Contains(in.Paths, "-") {
		return nil, usagef("%s: stdin (-) has no earlier revision to compare with", flag)
	}
	wd, err := os.Getwd()
	if err != nil {
		return nil, err
	}
	repo, commit, err := resolveRevision(flag, rev, wd)
	if err != nil {
		return nil, err
	}
	tmp, err := os.MkdirTemp("", "meshlint-rev-")
	if err != nil {
		return nil, err
	}
	defer os.RemoveAll(tmp)
	if err := repo.Export(commit, tmp); err != nil {
		return nil, fmt.Errorf("%s: reading %s: %v", flag, rev, err)
	}
	old := revTree{wd: wd, top: topAsSeen(wd, repo.Prefix), tmp: tmp}
	return old.lint(in, opts)
}

// revisionFlag returns the flag that names a revision, and its value.
func revisionFlag(f *lintFlags) (flag, rev string) {
	switch {
	case f.newFromRev != "":
		return "--new-from-rev", f.newFromRev
	case f.newFromMergeBase != "":
		return "--new-from-merge-base", f.newFromMergeBase
	}
	return "", ""
}

// resolveRevision finds the work tree of wd and the commit the flag means.
// Both failures are usage errors: comparing with nothing would report
// every finding as new, which a pull-request check must not do silently.
func resolveRevision(flag, rev, wd string) (*gitrepo.Repo, string, error) {
	repo, err := gitrepo.Open(wd)
	if err != nil {
		return nil, "", usagef("%s: %s is not in a git work tree", flag, wd)
	}
	var commit string
	if flag == "--new-from-merge-base" {
		commit, err = repo.MergeBase(rev)
	} else {
		commit, err = repo.Commit(rev)
	}
	if err != nil {
		return nil, "", usagef("%s: %v; a shallow clone lacks the history: fetch it (actions/checkout with fetch-depth: 0, or git fetch --unshallow)", flag, err)
	}
	return repo, commit, nil
}

// topAsSeen is the work tree's top as the working directory names it (git
// resolves symbolic links; the names in findings do not).
func topAsSeen(wd, prefix string) string {
	return filepath.Join(wd, strings.Repeat(".."+string(filepath.Separator), strings.Count(prefix, "/")))
}

// revTree maps the current tree's names onto the revision's copy in tmp.
type revTree struct{ wd, top, tmp string }

// path is where name lies in the copy; a name outside the work tree is
// read as it is now.
func (t revTree) path(name string) string {
	abs := name
	if !filepath.IsAbs(abs) {
		abs = filepath.Join(t.wd, name)
	}
	rel, err := filepath.Rel(t.top, abs)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return name
	}
	return filepath.Join(t.tmp, rel)
}

// lint lints the copy with the current run's inputs and options (the
// current config too: what is new is judged by today's rules), its file
// names made relative as the current run's are, so that file-level
// fingerprints match.
func (t revTree) lint(in lint.Inputs, opts lint.Options) (*lint.Baseline, error) {
	in, ok := t.inputs(in)
	if !ok {
		return lint.BaselineOf(nil), nil // every file is new
	}
	if in.Config != nil && len(in.Config.Namespaces) > 0 {
		opts.Graph.FileNamespace = in.Config.NamespaceFor
	}
	opts.WorkDir = t.path(t.wd)
	opts.Baseline, opts.WriteBaseline, opts.Only, opts.NewFrom = nil, false, nil, nil
	sources, err := lint.ReadSources(in)
	if err != nil {
		return nil, err
	}
	res, err := lint.Lint(context.Background(), sources, opts)
	if err != nil {
		return nil, err
	}
	return lint.BaselineOf(t.asNow(res.Findings)), nil
}

// asNow adds, for each finding of no resource whose message names a file
// or directory of the copy (a Helm chart's, say), the finding as the
// current run words it: the fingerprint of such a finding hashes its
// message. Whether the current run names it relative to the working
// directory or absolute depends on the PATHs, so both are added.
func (t revTree) asNow(findings []*analyzers.Finding) []*analyzers.Finding {
	out := findings
	wd := t.path(t.wd) + string(filepath.Separator)
	for _, f := range findings {
		if f.Resource != nil || !strings.Contains(f.Message, t.tmp) {
			continue
		}
		rel, abs := *f, *f
		rel.Message = strings.ReplaceAll(f.Message, wd, "")
		abs.Message = strings.ReplaceAll(f.Message, t.tmp, t.top)
		out = append(out, &rel, &abs)
	}
	return out
}

// inputs maps the current run's inputs onto the copy; ok is false when
// the revision has none of them.
func (t revTree) inputs(in lint.Inputs) (_ lint.Inputs, ok bool) {
	if in.Config != nil {
		cf := *in.Config
		cf.Path = t.path(cf.Path)
		in.Config = &cf
	}
	if in.Listed {
		// The pre-commit mode's tracked files: those of the revision are
		// every file of the copy, which a walk finds as the listing did.
		in.Paths, in.Listed = nil, false
	}
	named := len(in.Paths) > 0
	in.Paths, in.Only = t.existing(in.Paths), t.existing(in.Only)
	switch {
	case named:
		return in, len(in.Paths) > 0
	case in.Config != nil && len(in.Config.Paths) > 0:
		files, err := lint.ExpandConfigPaths(in.Config)
		return in, err != nil || len(files) > 0 // an error is ReadSources' to report
	default:
		in.Paths = []string{t.path(".")}
		return in, true
	}
}

// existing maps names onto the copy, leaving out those the revision does
// not have (added since).
func (t revTree) existing(names []string) []string {
	var out []string
	for _, n := range names {
		p := t.path(n)
		if _, err := os.Stat(p); err == nil {
			out = append(out, p)
		}
	}
	return out
}
