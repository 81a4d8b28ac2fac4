// Package precommit runs the repository's pre-commit hook with Debian's
// pre-commit in a scratch repository: the hook builds meshlint from this
// source (language golang, go install) and runs on real commits.
package precommit

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/integration/itest"
)

// The scratch repository's mesh (itest's): a Service with a
// DestinationRule that defines subset v1, and an old mistake in a file no
// commit touches.
var (
	svc, vs, old, dr = itest.Service, itest.Route, itest.OldMistake, itest.DestinationRule
)

const (
	vsFinding  = `mesh/vs.yaml:8:38: error: subset "v1" is not defined in any DestinationRule for host r.web.svc.cluster.local [ML1102 virtualservice-subset-not-found]`
	oldFinding = `legacy/old.yaml:8:27: error: host "nowhere" (nowhere.web.svc.cluster.local) matches no Service or ServiceEntry in the analyzed manifests; if it is defined in other files, declare it in externals.hosts [ML1103 virtualservice-host-not-found]`
)

func TestPreCommitHook(t *testing.T) {
	itest.Require(t, "git", "go", "pre-commit")
	src, rev := snapshot(t)
	env := hookEnv(t)
	repo := itest.GitRepo(t, map[string]string{
		"mesh/svc.yaml": svc, "mesh/dr.yaml": dr("v1"), "legacy/old.yaml": old, "README.md": "# mesh\n",
		".pre-commit-config.yaml": "repos:\n- repo: " + src + "\n  rev: " + rev + "\n  hooks:\n  - id: meshlint\n",
	})
	itest.Must(t, repo, env, "git", "add", "-A")
	itest.Must(t, repo, env, "git", "commit", "-q", "-m", "the mesh, with an old mistake")
	itest.Must(t, repo, env, "pre-commit", "install")
	start := time.Now()
	itest.Must(t, repo, env, "pre-commit", "install-hooks")
	t.Logf("pre-commit built the hook (go install) in %v", time.Since(start).Round(time.Second))

	// A new VirtualService that resolves only through unchanged files: the
	// commit passes, the old mistake in legacy/ does not block it.
	itest.WriteFiles(t, repo, map[string]string{"mesh/vs.yaml": vs})
	itest.Must(t, repo, env, "git", "add", "mesh/vs.yaml")
	expectHook(t, repo, env, 0, nil, "pre-commit", "run", "--files", "mesh/vs.yaml")
	expectHook(t, repo, env, 0, nil, "git", "commit", "-m", "route r to v1")

	// A change that breaks the route in the file it did not touch fails,
	// with the finding on the route.
	itest.WriteFiles(t, repo, map[string]string{"mesh/dr.yaml": dr("v2")})
	itest.Must(t, repo, env, "git", "add", "mesh/dr.yaml")
	expectHook(t, repo, env, 1, []string{vsFinding}, "pre-commit", "run", "--files", "mesh/dr.yaml")
	expectHook(t, repo, env, 1, []string{vsFinding}, "git", "commit", "-m", "rename subset v1")

	// --all-files passes every file: every finding is reported.
	expectHook(t, repo, env, 1, []string{oldFinding, vsFinding}, "pre-commit", "run", "--all-files")
	itest.Must(t, repo, env, "git", "checkout", "-q", "HEAD", "--", "mesh/dr.yaml")
	expectHook(t, repo, env, 1, []string{oldFinding}, "pre-commit", "run", "--all-files")
}

// expectHook runs a command that runs the hook and checks its exit code
// and that the findings it prints are exactly want.
func expectHook(t *testing.T, dir string, env []string, code int, want []string, name string, args ...string) {
	t.Helper()
	got, out := itest.Run(t, dir, env, name, args...)
	findings := itest.Findings(out)
	slices.Sort(findings)
	if got != code || !slices.Equal(findings, want) {
		t.Errorf("%s %s: exit %d, findings %q; want exit %d, findings %q\n%s", name, strings.Join(args, " "), got, findings, code, want, out)
	}
}

// hookEnv is the environment pre-commit runs in: its own store (the hook
// is installed once per test run), the machine's module cache (pre-commit
// points GOPATH at the hook's environment, which would download every
// module again), no colour.
func hookEnv(t *testing.T) []string {
	modcache := strings.TrimSpace(itest.Must(t, itest.Root(), nil, "go", "env", "GOMODCACHE"))
	return append(itest.PathWith(), "PRE_COMMIT_HOME="+t.TempDir(), "GOMODCACHE="+modcache, "PRE_COMMIT_COLOR=never", "NO_COLOR=1")
}

// snapshot copies this source tree (tracked files and new ones, as they
// are in the work tree) into a new git repository, the hook repository
// pre-commit clones: uncommitted work is tested too, and the checkout is
// never touched. It returns the repository and its commit.
func snapshot(t *testing.T) (dir, rev string) {
	root := itest.Root()
	out := itest.Must(t, root, nil, "git", "ls-files", "-z", "--cached", "--others", "--exclude-standard")
	dir = itest.GitRepo(t, nil)
	for _, name := range strings.Split(out, "\x00") {
		data, err := os.ReadFile(filepath.Join(root, name))
		if name == "" || err != nil { // "" ends the list; a file deleted in the work tree is left out
			continue
		}
		itest.WriteFiles(t, dir, map[string]string{name: string(data)})
	}
	itest.Must(t, dir, nil, "git", "add", "-A")
	itest.Must(t, dir, nil, "git", "commit", "-q", "-m", "snapshot")
	return dir, strings.TrimSpace(itest.Must(t, dir, nil, "git", "rev-parse", "HEAD"))
}
