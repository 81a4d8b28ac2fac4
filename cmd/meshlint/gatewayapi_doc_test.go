package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestGatewayAPIDocWalkthrough replays docs/gateway-api.md: each yaml
// block is a whole file (named in its first comment) written to one
// directory, each console block a command whose output must be what the
// page shows, so that the page cannot drift from meshlint.
func TestGatewayAPIDocWalkthrough(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "..", "docs", "gateway-api.md"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	wd, _ := os.Getwd()
	t.Cleanup(func() { os.Chdir(wd) })
	if err := os.Chdir(dir); err != nil {
		t.Fatal(err)
	}
	blocks := regexp.MustCompile("(?s)```(yaml|console)\n(.*?)```").FindAllStringSubmatch(string(doc), -1)
	if len(blocks) < 10 {
		t.Fatalf("found %d blocks in docs/gateway-api.md; the walkthrough has more", len(blocks))
	}
	for _, b := range blocks {
		if b[1] == "yaml" {
			writeDocFile(t, b[2])
			continue
		}
		for _, step := range strings.Split(b[2], "$ ")[1:] {
			cmd, want, _ := strings.Cut(step, "\n")
			runDocCommand(t, cmd, want)
		}
	}
}

func writeDocFile(t *testing.T, content string) {
	t.Helper()
	first, _, _ := strings.Cut(content, "\n")
	name, ok := strings.CutPrefix(first, "# ")
	if !ok || !strings.HasSuffix(name, ".yaml") {
		t.Fatalf("a yaml block starts with `# FILE.yaml`, not %q", first)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func runDocCommand(t *testing.T, cmd, want string) {
	t.Helper()
	args := strings.Fields(cmd)
	switch args[0] {
	case "rm":
		if err := os.Remove(args[1]); err != nil {
			t.Fatal(err)
		}
	case "meshlint":
		_, out, _ := runCLI(t, "", args[1:]...)
		if out != want {
			t.Errorf("$ %s\ngot:\n%s\nthe page shows:\n%s", cmd, out, want)
		}
	default:
		t.Fatalf("unknown command in a console block: %s", cmd)
	}
}
