package ci

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/integration/itest"
)

// step is a step of a workflow job or of the composite action.
type step struct {
	ID   string            `yaml:"id"`
	If   string            `yaml:"if"`
	Uses string            `yaml:"uses"`
	Run  string            `yaml:"run"`
	With map[string]string `yaml:"with"`
	Env  map[string]string `yaml:"env"`
	Dir  string            `yaml:"working-directory"`
}

// runner is one GitHub job being run: the checkout, the environment, the
// files of GITHUB_PATH and GITHUB_OUTPUT, and whether a step failed.
type runner struct {
	t      *testing.T
	dir    string
	env    []string
	temp   string
	out    strings.Builder
	failed bool
}

// runWorkflow runs a workflow's one job as the runner would, with the
// steps GitHub provides stood in for: actions/checkout and setup-go are
// done (the checkout is dir, go is on PATH), this repository's action runs
// its action.yml steps, and upload-sarif checks that its file is SARIF.
func runWorkflow(t *testing.T, dir string, env []string, text string) (bool, string) {
	var wf struct {
		Jobs map[string]struct {
			Steps []step `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal([]byte(text), &wf); err != nil || len(wf.Jobs) != 1 {
		t.Fatalf("want a workflow with one job: %v", err)
	}
	r := &runner{t: t, dir: dir, env: env, temp: t.TempDir()}
	for _, job := range wf.Jobs {
		for _, s := range job.Steps {
			if r.failed && !strings.Contains(s.If, "failure()") && !strings.Contains(s.If, "always()") {
				continue
			}
			r.step(s, map[string]string{"github.base_ref": "main", "runner.temp": r.temp})
		}
	}
	return r.failed, r.out.String()
}

func (r *runner) step(s step, ctx map[string]string) {
	switch {
	case strings.HasPrefix(s.Uses, "actions/checkout@"), strings.HasPrefix(s.Uses, "actions/setup-go@"):
	case strings.HasPrefix(s.Uses, "meshlint/meshlint@"):
		r.action(s.With)
	case strings.HasPrefix(s.Uses, "github/codeql-action/upload-sarif@"):
		r.uploadSARIF(s.With["sarif_file"])
	case s.Uses != "":
		r.t.Fatalf("the test cannot run step uses: %s", s.Uses)
	default:
		r.run(s, ctx)
	}
}

// action runs action.yml's steps with the given inputs, the others at
// their defaults.
func (r *runner) action(with map[string]string) {
	data, err := os.ReadFile(filepath.Join(itest.Root(), "action.yml"))
	if err != nil {
		r.t.Fatal(err)
	}
	var a struct {
		Inputs map[string]struct {
			Default string `yaml:"default"`
		} `yaml:"inputs"`
		Runs struct {
			Steps []step `yaml:"steps"`
		} `yaml:"runs"`
	}
	if err := yaml.Unmarshal(data, &a); err != nil {
		r.t.Fatalf("action.yml: %v", err)
	}
	ctx := map[string]string{"github.action_path": itest.Root(), "github.action_ref": "", "runner.temp": r.temp}
	for name, in := range a.Inputs {
		ctx["inputs."+name] = in.Default
	}
	for name, v := range with {
		if _, ok := a.Inputs[name]; !ok {
			r.t.Fatalf("the action has no input %q", name)
		}
		ctx["inputs."+name] = r.expand(v, map[string]string{"github.base_ref": "main"})
	}
	for _, s := range a.Runs.Steps {
		if !r.failed {
			r.step(s, ctx)
		}
	}
}

// run runs a run step with bash, as shell: bash does, and takes up what
// it appends to GITHUB_PATH.
func (r *runner) run(s step, ctx map[string]string) {
	env := append([]string{}, r.env...)
	for k, v := range s.Env {
		env = append(env, k+"="+r.expand(v, ctx))
	}
	ghPath, ghOutput := filepath.Join(r.temp, "path"), filepath.Join(r.temp, "output")
	env = append(env, "GITHUB_PATH="+ghPath, "GITHUB_OUTPUT="+ghOutput, "RUNNER_TEMP="+r.temp)
	dir := r.dir
	if s.Dir != "" {
		dir = r.expand(s.Dir, ctx)
	}
	code, out := itest.Run(r.t, dir, env, "bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", r.expand(s.Run, ctx))
	r.out.WriteString(out)
	r.failed = r.failed || code != 0
	if data, err := os.ReadFile(ghPath); err == nil {
		dirs := strings.Fields(string(data))
		r.env = itest.PathWithEnv(r.env, dirs...)
		os.Remove(ghPath)
	}
}

var expression = regexp.MustCompile(`\$\{\{\s*([A-Za-z0-9._-]+)\s*\}\}`)

// expand replaces ${{ name }} with its value in ctx; an expression the
// test does not know fails it.
func (r *runner) expand(s string, ctx map[string]string) string {
	return expression.ReplaceAllStringFunc(s, func(m string) string {
		name := expression.FindStringSubmatch(m)[1]
		v, ok := ctx[name]
		if !ok {
			r.t.Fatalf("the test does not know the expression %s", m)
		}
		return v
	})
}

// uploadSARIF checks what github/codeql-action/upload-sarif would upload.
func (r *runner) uploadSARIF(file string) {
	data, err := os.ReadFile(filepath.Join(r.dir, file))
	if err != nil || !strings.Contains(string(data), `"version": "2.1.0"`) {
		r.t.Errorf("upload-sarif: %s is not SARIF 2.1.0: %v", file, err)
	}
}
