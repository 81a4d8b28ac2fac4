package main

import (
	"path/filepath"
	"testing"
)

// TestNewFromRev: a DestinationRule edit breaks a VirtualService in an
// unchanged file; --new-from-rev reports that, and not the old mistake.
func TestNewFromRev(t *testing.T) {
	dir := gitTree(t, map[string]string{
		"deploy/svc.yaml": meshSvc, "deploy/vs.yaml": meshVS, "deploy/dr.yaml": meshDR, "deploy/old.yaml": meshOldMistake,
	})
	expectRun(t, []string{"--new-from-rev", "HEAD"}, 0, 0)
	expectRun(t, []string{"deploy"}, 1, 1, "old.yaml")
	writeFile(t, filepath.Join(dir, "deploy/dr.yaml"), meshDRNoV1)
	for _, args := range [][]string{
		{"--new-from-rev", "HEAD"},
		{"--new-from-rev", "HEAD", "deploy"},
		{"--new-from-rev=HEAD", filepath.Join(dir, "deploy")},
	} {
		expectRun(t, args, 1, 1, "deploy/vs.yaml:8:", `subset "v1"`, "1 finding already at HEAD not reported")
	}
	expectRun(t, []string{"--new-from-rev", "main", "deploy/vs.yaml", "deploy/dr.yaml", "deploy/svc.yaml"}, 1, 1, "vs.yaml:8:")
	// From a subdirectory, with a config there.
	writeFile(t, filepath.Join(dir, "deploy/.meshlint.yaml"), "paths: ['*.yaml']\n")
	t.Chdir(filepath.Join(dir, "deploy"))
	expectRun(t, []string{"--new-from-rev", "HEAD"}, 1, 1, "vs.yaml:8:")
	// A new file that has a finding of its own is new as a whole.
	writeFile(t, filepath.Join(dir, "deploy/new/x.yaml"), meshOldMistake[:len(meshOldMistake)-1]+"\n---\n"+meshDRNoV1)
	expectRun(t, []string{"--new-from-rev", "HEAD", "new"}, 1, -1)
}

// TestNewFromMergeBase compares with where the branch left main, however
// far main has moved on since.
func TestNewFromMergeBase(t *testing.T) {
	dir := gitTree(t, map[string]string{"svc.yaml": meshSvc, "vs.yaml": meshVS, "dr.yaml": meshDR})
	gitIn(t, dir, "checkout", "-q", "-b", "feature")
	writeFile(t, filepath.Join(dir, "dr.yaml"), meshDRNoV1)
	gitIn(t, dir, "commit", "-q", "-am", "drop v1")
	gitIn(t, dir, "checkout", "-q", "main")
	writeFile(t, filepath.Join(dir, "dr.yaml"), meshDRNoV1) // main made the same mistake since
	gitIn(t, dir, "commit", "-q", "-am", "main drops v1 too")
	gitIn(t, dir, "checkout", "-q", "feature")
	expectRun(t, []string{"--new-from-rev", "main"}, 0, 0)
	expectRun(t, []string{"--new-from-merge-base", "main"}, 1, 1, "vs.yaml:8:")
}

// TestNewFromRevUsageErrors: what cannot be compared is exit 2, never a
// silent lint of the whole tree.
func TestNewFromRevUsageErrors(t *testing.T) {
	gitTree(t, map[string]string{"svc.yaml": meshSvc})
	expectRun(t, []string{"--new-from-rev", "origin/main"}, 2, 0, `"origin/main" does not name a commit`, "fetch-depth: 0")
	expectRun(t, []string{"--new-from-merge-base", "HEAD~3"}, 2, 0, `"HEAD~3"`, "fetch-depth: 0")
	expectRun(t, []string{"--new-from-rev", "HEAD", "--new-from-merge-base", "main"}, 2, 0, "give one")
	expectRun(t, []string{"--new-from-rev", "HEAD", "-"}, 2, 0, "stdin")
	t.Chdir(t.TempDir())
	expectRun(t, []string{"--new-from-rev", "HEAD"}, 2, 0, "not in a git work tree")
}

// TestNewFromRevPreCommit: with --pre-commit, the revision's files are
// all of its tracked files, those the change deleted among them: a route
// whose DestinationRule the change deletes is new, not a finding the
// revision already had.
func TestNewFromRevPreCommit(t *testing.T) {
	dir := gitTree(t, map[string]string{"svc.yaml": meshSvc, "vs.yaml": meshVS, "dr.yaml": meshDR, "old.yaml": meshOldMistake})
	gitIn(t, dir, "rm", "-q", "dr.yaml")
	writeFile(t, filepath.Join(dir, "vs.yaml"), "# the route stays\n"+meshVS)
	gitIn(t, dir, "add", "vs.yaml")
	expectRun(t, []string{"--pre-commit", "--new-from-rev", "HEAD", "vs.yaml", "old.yaml"}, 1, 1, "vs.yaml:9:", "1 finding already at HEAD")
}

// TestNewFromRevFileFindings: a finding of no resource hashes its message,
// which names files (a Helm chart's directory): unchanged, it is not new,
// whether the PATHs are relative or absolute.
func TestNewFromRevFileFindings(t *testing.T) {
	dir := gitTree(t, map[string]string{
		"deploy/chart/Chart.yaml": "apiVersion: v2\nname: c\nversion: 0.1.0\n", "deploy/chart/templates/a.yaml": "{{ .Values.a }}\n",
		"deploy/svc.yaml": meshSvc,
	})
	expectRun(t, []string{"--fail-on", "info", "deploy"}, 1, 1, "ML0007")
	for _, args := range [][]string{{"deploy"}, {filepath.Join(dir, "deploy")}, {}} {
		expectRun(t, append([]string{"--fail-on", "info", "--new-from-rev", "HEAD"}, args...), 0, 0, "1 finding already at HEAD")
	}
}
