// Package gitrepo asks git what the pre-commit mode and --new-from-rev
// need: the work tree a directory is in, the files it tracks, a revision's
// commit, and a revision's files, read from git objects so that the work
// tree, the index and the stash are never touched.
package gitrepo

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
)

// ErrNotWorkTree says a directory is not inside a git work tree (or git
// is not installed).
var ErrNotWorkTree = errors.New("not in a git work tree")

// Repo is the work tree that holds a directory.
type Repo struct {
	// Top is the absolute directory of the work tree.
	Top string
	// Prefix is the directory's slash-separated path below Top, "" at the
	// top, else ending in "/" (git rev-parse --show-prefix).
	Prefix string
}

// Open returns the work tree that holds dir.
func Open(dir string) (*Repo, error) {
	out, err := git(dir, "rev-parse", "--show-toplevel", "--show-prefix")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", dir, ErrNotWorkTree)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	r := &Repo{Top: lines[0]}
	if len(lines) > 1 {
		r.Prefix = lines[1]
	}
	return r, nil
}

// Commit resolves rev to a commit ID; the error says whether rev names
// nothing in this clone.
func (r *Repo) Commit(rev string) (string, error) {
	if strings.HasPrefix(rev, "-") {
		return "", fmt.Errorf("%q is not a revision", rev)
	}
	out, err := git(r.Top, "rev-parse", "--verify", "--quiet", "--end-of-options", rev+"^{commit}")
	if err != nil {
		return "", fmt.Errorf("%q does not name a commit in this clone", rev)
	}
	return strings.TrimSpace(out), nil
}

// MergeBase returns the best common ancestor of ref and HEAD, which is
// what a pull request from HEAD into ref changes against.
func (r *Repo) MergeBase(ref string) (string, error) {
	c, err := r.Commit(ref)
	if err != nil {
		return "", err
	}
	out, err := git(r.Top, "merge-base", c, "HEAD")
	if err != nil {
		return "", fmt.Errorf("%q and HEAD have no common ancestor in this clone", ref)
	}
	return strings.TrimSpace(out), nil
}

// git runs git in dir and returns its standard output; an error carries
// git's standard error.
func git(dir string, args ...string) (string, error) {
	cmd := exec.Command("git", append([]string{"-C", dir}, args...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("git %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(stderr.String()))
	}
	return string(out), nil
}
