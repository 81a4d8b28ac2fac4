// Package ci runs the CI examples of docs/ci.md as written, and the
// GitHub Action's steps (action.yml) they use, in a scratch repository
// whose pull request breaks a route in a file it does not touch: the
// documentation cannot drift from what the commands do.
package ci

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/integration/itest"
)

// The pull request's finding: it renames the DestinationRule's subset, and
// the VirtualService in an unchanged file routes to the old name. The old
// mistake in deploy/legacy is on main already.
const (
	newFinding = "deploy/vs.yaml"
	oldFinding = "deploy/legacy/old.yaml"
)

var svc, vs, old, dr = itest.Service, itest.Route, itest.OldMistake, itest.DestinationRule

// outcome is what an example must do: fail or pass, report the old
// mistake or not, and write these files.
type outcome struct {
	fails, old bool
	files      []string
}

var outcomes = map[string]outcome{
	"github-action":     {fails: true, old: true, files: []string{"meshlint.sarif"}},
	"github-action-new": {fails: true},
	"github-run":        {fails: true, files: []string{"meshlint.sarif"}},
	"gitlab":            {fails: true, files: []string{"gl-code-quality-report.json"}},
	"generic":           {fails: true, files: []string{"meshlint-checkstyle.xml"}},
	"generic-all":       {fails: true, old: true},
}

func TestDocumentedCI(t *testing.T) {
	itest.Require(t, "git", "go", "bash")
	blocks := docBlocks(t)
	for name := range outcomes {
		if _, ok := blocks[name]; !ok {
			t.Errorf("docs/ci.md has no example %q", name)
		}
	}
	template := pullRequest(t)
	env := exampleEnv(t)
	for name, b := range blocks {
		want, ok := outcomes[name]
		if !ok {
			t.Errorf("docs/ci.md example %q: the test does not know what it must do", name)
			continue
		}
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "checkout")
			itest.Must(t, "", nil, "cp", "-a", template, dir)
			var failed bool
			var out string
			switch b.lang {
			case "sh":
				failed, out = runShell(t, dir, env, b.text)
			case "yaml":
				failed, out = runCIFile(t, dir, env, b.text)
			}
			check(t, dir, want, failed, out)
		})
	}
}

func check(t *testing.T, dir string, want outcome, failed bool, out string) {
	t.Helper()
	if failed != want.fails || !strings.Contains(out, newFinding) || strings.Contains(out, oldFinding) != want.old {
		t.Errorf("failed %v, reports %s: %v, reports %s: %v; want %v, true, %v\n%s",
			failed, newFinding, strings.Contains(out, newFinding), oldFinding, strings.Contains(out, oldFinding), want.fails, want.old, out)
	}
	for _, f := range want.files {
		data, err := os.ReadFile(filepath.Join(dir, f))
		if err != nil || !strings.Contains(string(data), strings.TrimPrefix(newFinding, "deploy/")) {
			t.Errorf("%s: %v; want a report with the finding on %s\n%s", f, err, newFinding, data)
		}
		if strings.HasSuffix(f, ".json") || strings.HasSuffix(f, ".sarif") {
			var v any
			if err := json.Unmarshal(data, &v); err != nil {
				t.Errorf("%s: not JSON: %v", f, err)
			}
		}
	}
}

type block struct{ lang, text string }

// docBlocks returns the code blocks of docs/ci.md marked
// <!-- ci-test: NAME -->, by name.
func docBlocks(t *testing.T) map[string]block {
	data, err := os.ReadFile(filepath.Join(itest.Root(), "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	re := regexp.MustCompile("(?s)<!-- ci-test: ([a-z-]+) -->\n```(yaml|sh)\n(.*?)\n```")
	blocks := map[string]block{}
	for _, m := range re.FindAllStringSubmatch(string(data), -1) {
		blocks[m[1]] = block{lang: m[2], text: m[3]}
	}
	return blocks
}

// pullRequest makes the scratch checkout: a bare origin whose main has a
// mesh with an old mistake, and a clone on a branch that renames the
// DestinationRule's subset (breaking the unchanged VirtualService).
func pullRequest(t *testing.T) string {
	origin := filepath.Join(t.TempDir(), "origin.git")
	itest.Must(t, "", nil, "git", "init", "-q", "--bare", "-b", "main", origin)
	dir := itest.GitRepo(t, map[string]string{
		"deploy/svc.yaml": svc, "deploy/dr.yaml": dr("v1"), "deploy/vs.yaml": vs, "deploy/legacy/old.yaml": old,
	})
	itest.Must(t, dir, nil, "git", "add", "-A")
	itest.Must(t, dir, nil, "git", "commit", "-q", "-m", "mesh")
	itest.Must(t, dir, nil, "git", "remote", "add", "origin", origin)
	itest.Must(t, dir, nil, "git", "push", "-q", "origin", "main")
	itest.Must(t, dir, nil, "git", "fetch", "-q", "origin")
	itest.Must(t, dir, nil, "git", "checkout", "-q", "-b", "rename-subset")
	itest.WriteFiles(t, dir, map[string]string{"deploy/dr.yaml": dr("v2")})
	itest.Must(t, dir, nil, "git", "commit", "-q", "-am", "rename subset v1 to v2")
	return dir
}

// exampleEnv is the environment the examples run in: meshlint on PATH,
// and a go that takes `go install github.com/meshlint/meshlint/...@...`
// as done (the module is this source, already built) and runs the real go
// for anything else; GitHub's and GitLab's variables for a pull request
// into main.
func exampleEnv(t *testing.T) []string {
	shim := t.TempDir()
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatal(err)
	}
	script := "#!/bin/sh\ncase \"$1 $2\" in\n\"install github.com/meshlint/meshlint/cmd/meshlint@\"*) exit 0 ;;\nesac\nexec " + goBin + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(shim, "go"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	return append(itest.PathWith(shim, itest.Binary(t)),
		"GITHUB_BASE_REF=main", "CI_PIPELINE_SOURCE=merge_request_event", "CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main", "NO_COLOR=1")
}

// runShell runs a script as a CI's shell step does: stop at the first
// failing command.
func runShell(t *testing.T, dir string, env []string, script string) (failed bool, out string) {
	code, out := itest.Run(t, dir, env, "bash", "-eo", "pipefail", "-c", script)
	return code != 0, out
}

// runCIFile runs a GitHub workflow's job or a GitLab job.
func runCIFile(t *testing.T, dir string, env []string, text string) (bool, string) {
	var doc map[string]any
	if err := yaml.Unmarshal([]byte(text), &doc); err != nil {
		t.Fatalf("not YAML: %v\n%s", err, text)
	}
	if _, ok := doc["jobs"]; ok {
		return runWorkflow(t, dir, env, text)
	}
	return runGitLab(t, dir, env, text)
}

// runGitLab runs a GitLab job's script lines in order, stopping at the
// first that fails, as the runner does.
func runGitLab(t *testing.T, dir string, env []string, text string) (bool, string) {
	var jobs map[string]struct {
		Variables map[string]string `yaml:"variables"`
		Script    []string          `yaml:"script"`
	}
	if err := yaml.Unmarshal([]byte(text), &jobs); err != nil || len(jobs) != 1 {
		t.Fatalf("want one GitLab job: %v", err)
	}
	var all strings.Builder
	for _, job := range jobs {
		for k, v := range job.Variables {
			env = append(env, k+"="+v)
		}
		for _, line := range job.Script {
			failed, out := runShell(t, dir, env, line)
			all.WriteString("$ " + line + "\n" + out)
			if failed {
				return true, all.String()
			}
		}
	}
	return false, all.String()
}
