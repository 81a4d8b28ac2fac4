package pictures

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/integration/itest"
)

// TestDocumentedPRComment runs the draw step of docs/ci.md's pull-request
// comment as written: in a pull request that renames a subset (breaking
// the route in a file it does not touch), the picture shows the changed
// DestinationRule, the broken route in red, and not the unrelated old
// mistake.
func TestDocumentedPRComment(t *testing.T) {
	itest.Require(t, "git", "bash")
	script := drawStep(t)
	dir := itest.GitRepo(t, map[string]string{
		"deploy/svc.yaml": itest.Service, "deploy/dr.yaml": itest.DestinationRule("v1"),
		"deploy/vs.yaml": itest.Route, "deploy/legacy/old.yaml": itest.OldMistake,
	})
	itest.Must(t, dir, nil, "git", "add", "-A")
	itest.Must(t, dir, nil, "git", "commit", "-q", "-m", "mesh")
	itest.Must(t, dir, nil, "git", "update-ref", "refs/remotes/origin/main", "HEAD")
	itest.Must(t, dir, nil, "git", "checkout", "-q", "-b", "rename-subset")
	itest.WriteFiles(t, dir, map[string]string{"deploy/dr.yaml": itest.DestinationRule("v2")})
	itest.Must(t, dir, nil, "git", "commit", "-q", "-am", "rename subset v1 to v2")
	env := append(itest.PathWith(itest.Binary(t)), "GITHUB_BASE_REF=main")
	if code, out := itest.Run(t, dir, env, "bash", "-eo", "pipefail", "-c", script); code != 0 {
		t.Fatalf("the draw step exits %d:\n%s", code, out)
	}
	data, err := os.ReadFile(filepath.Join(dir, "mesh-graph.md"))
	if err != nil {
		t.Fatal(err)
	}
	md := string(data)
	for _, want := range []string{"```mermaid\nflowchart LR", `"DestinationRule<br>r"`, `"VirtualService<br>r"`, "ML1102"} {
		if !strings.Contains(md, want) {
			t.Errorf("the comment has no %s:\n%s", want, md)
		}
	}
	if strings.Contains(md, `"VirtualService<br>o"`) {
		t.Errorf("the comment draws the unrelated VirtualService o:\n%s", md)
	}
}

// drawStep is the run script of the step with id draw in the workflow
// marked <!-- pictures-test: pr-graph --> in docs/ci.md.
func drawStep(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(itest.Root(), "docs", "ci.md"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile("(?s)<!-- pictures-test: pr-graph -->\n```yaml\n(.*?)\n```\n").FindSubmatch(data)
	if m == nil {
		t.Fatal("docs/ci.md has no pictures-test: pr-graph example")
	}
	var wf struct {
		Jobs map[string]struct {
			Steps []struct{ ID, Run string }
		}
	}
	if err := yaml.Unmarshal(m[1], &wf); err != nil {
		t.Fatal(err)
	}
	for _, step := range wf.Jobs["graph"].Steps {
		if step.ID == "draw" {
			return step.Run
		}
	}
	t.Fatal("the workflow has no step with id draw")
	return ""
}
