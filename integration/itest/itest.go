// Package itest helps the integration suites (integration/*, run by
// `make integration`): end-to-end tests that drive the built command and
// real tools (git, pre-commit, ...) in scratch directories. They run only
// with MESHLINT_INTEGRATION=1, where a missing tool is a failure, so that
// CI cannot pass by skipping them; `go test ./...` skips them.
package itest

import (
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// Require skips the test unless MESHLINT_INTEGRATION=1, and then fails it
// when one of tools is not installed (.ci/run installs them).
func Require(t *testing.T, tools ...string) {
	t.Helper()
	if os.Getenv("MESHLINT_INTEGRATION") != "1" {
		t.Skip("an integration test: run with MESHLINT_INTEGRATION=1 (make integration)")
	}
	for _, tool := range tools {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is not installed (.ci/run installs what make integration needs)", tool)
		}
	}
}

// Root is the repository's top directory.
func Root() string {
	_, file, _, _ := runtime.Caller(0)
	return filepath.Join(filepath.Dir(file), "..", "..")
}

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
	buildOut  []byte
)

// Binary builds meshlint once per test binary and returns the directory
// holding it, to put first on PATH.
func Binary(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "meshlint-bin-")
		if buildErr != nil {
			return
		}
		cmd := exec.Command("go", "build", "-o", filepath.Join(binDir, "meshlint"), "./cmd/meshlint")
		cmd.Dir = Root()
		buildOut, buildErr = cmd.CombinedOutput()
	})
	if buildErr != nil {
		t.Fatalf("go build: %v\n%s", buildErr, buildOut)
	}
	return binDir
}

// PathWith returns the process's environment with dirs first on PATH.
func PathWith(dirs ...string) []string {
	return PathWithEnv(os.Environ(), dirs...)
}

// PathWithEnv returns a copy of env with dirs first on its PATH.
func PathWithEnv(env []string, dirs ...string) []string {
	out := make([]string, 0, len(env)+1)
	old := ""
	for _, kv := range env {
		if p, ok := strings.CutPrefix(kv, "PATH="); ok {
			old = p
			continue
		}
		out = append(out, kv)
	}
	return append(out, "PATH="+strings.Join(append(dirs, old), string(os.PathListSeparator)))
}

// Run runs name with args in dir under env and returns its exit code and
// its output (stdout and stderr together); it fails the test only when the
// command cannot be started.
func Run(t *testing.T, dir string, env []string, name string, args ...string) (int, string) {
	t.Helper()
	cmd := exec.Command(name, args...)
	cmd.Dir, cmd.Env = dir, env
	out, err := cmd.CombinedOutput()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode(), string(out)
		}
		t.Fatalf("%s %s: %v", name, strings.Join(args, " "), err)
	}
	return 0, string(out)
}

// Must runs like Run and fails the test on a non-zero exit.
func Must(t *testing.T, dir string, env []string, name string, args ...string) string {
	t.Helper()
	code, out := Run(t, dir, env, name, args...)
	if code != 0 {
		t.Fatalf("%s %s: exit %d\n%s", name, strings.Join(args, " "), code, out)
	}
	return out
}

// GitRepo makes a git repository in a new temporary directory, with a
// user for commits, and writes files there (not committed).
func GitRepo(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	Must(t, dir, nil, "git", "init", "-q", "-b", "main")
	Must(t, dir, nil, "git", "config", "user.email", "ci@example.com")
	Must(t, dir, nil, "git", "config", "user.name", "ci")
	WriteFiles(t, dir, files)
	return dir
}

// WriteFiles writes files (slash-separated path → content) below dir.
func WriteFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// Findings are the lines of text output that are findings
// (file:line:col: severity: ...), in order.
func Findings(out string) []string {
	var lines []string
	for _, l := range strings.Split(out, "\n") {
		l = strings.TrimSpace(l)
		if findingLine(l) {
			lines = append(lines, l)
		}
	}
	return lines
}

func findingLine(l string) bool {
	for _, sev := range []string{": error: ", ": warning: ", ": info: "} {
		if i := strings.Index(l, sev); i > 0 && strings.Count(l[:i], ":") >= 2 {
			return true
		}
	}
	return false
}
