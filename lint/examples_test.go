package lint_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
)

const examplesDir = "../examples"

// TestExamples lints the bundled example mesh as one set with every
// built-in rule: each finding must be one of the deliberate mistakes marked
// with `# want: MLxxxx@col`, and each marked mistake must be found.
func TestExamples(t *testing.T) {
	files := analysistest.Sources(t, examplesDir)
	if len(files) == 0 {
		t.Fatalf("no manifests under %s", examplesDir)
	}
	analysistest.RunSet(t, graph.DefaultOptions(), catalog.All(), files...)
}

// plantedMistake is one `# want` comment of the examples, by file relative
// to examples/ and rule ID.
type plantedMistake struct {
	file, rule string
}

// TestExamplesREADME checks that examples/README.md lists exactly the
// mistakes planted in the manifests (file and rule, with the rule's name),
// that every planted mistake pins its column and is explained by a
// "# Mistake:" comment right above it, and that the example covers enough
// distinct rules to be worth running.
func TestExamplesREADME(t *testing.T) {
	rules := map[string]*analyzers.Rule{}
	for _, r := range catalog.All() {
		rules[r.ID] = r
	}

	planted := map[plantedMistake]int{}
	ids := map[string]bool{}
	for _, file := range analysistest.Sources(t, examplesDir) {
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		wants, err := analysistest.ParseExpectations(file, content)
		if err != nil {
			t.Fatal(err)
		}
		rel, err := filepath.Rel(examplesDir, file)
		if err != nil {
			t.Fatal(err)
		}
		rel = filepath.ToSlash(rel)
		lines := strings.Split(string(content), "\n")
		for _, w := range wants {
			if rules[w.Rule] == nil {
				t.Errorf("%s:%d: want %s is not a built-in rule", file, w.Line, w.Rule)
			}
			if w.Column == 0 {
				t.Errorf("%s:%d: want %s does not pin its column (write %s@N)", file, w.Line, w.Rule, w.Rule)
			}
			if !explained(lines, w.Line) {
				t.Errorf("%s:%d: the %s mistake has no \"# Mistake: ... Fix: ...\" comment just above it", file, w.Line, w.Rule)
			}
			planted[plantedMistake{rel, w.Rule}]++
			ids[w.Rule] = true
		}
		if n, m := strings.Count(string(content), "# Mistake:"), len(wants); n != m {
			t.Errorf("%s: %d \"# Mistake:\" comments but %d want comments", file, n, m)
		}
	}
	if len(ids) < 6 {
		t.Errorf("the examples plant %d distinct rules, want at least 6: %v", len(ids), sortedKeys(ids))
	}

	listed := readmeMistakes(t, filepath.Join(examplesDir, "README.md"), rules)
	for m, n := range planted {
		if listed[m] != n {
			t.Errorf("examples/%s: %d %s mistake(s) planted, %d listed in examples/README.md", m.file, n, m.rule, listed[m])
		}
	}
	for m, n := range listed {
		if planted[m] == 0 {
			t.Errorf("examples/README.md lists %d %s mistake(s) in %s, but none is planted there", n, m.rule, m.file)
		}
	}
}

// explained reports whether a "# Mistake:" comment with a "Fix:" sits in
// the comment block that ends right above the 1-based line.
func explained(lines []string, line int) bool {
	var block []string
	for i := line - 2; i >= 0; i-- {
		l := strings.TrimSpace(lines[i])
		if !strings.HasPrefix(l, "#") {
			break
		}
		block = append(block, l)
	}
	text := strings.Join(block, " ")
	return strings.Contains(text, "# Mistake:") && strings.Contains(text, "Fix:")
}

var (
	tableFileRE = regexp.MustCompile("`([^`]+\\.(?:ya?ml|json))`")
	tableRuleRE = regexp.MustCompile(`\bML\d{4}\b`)
)

// readmeMistakes reads the mistakes table of the README: rows naming a
// manifest file (in backquotes) and a rule ID followed by its name.
func readmeMistakes(t *testing.T, path string, rules map[string]*analyzers.Rule) map[plantedMistake]int {
	t.Helper()
	content, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	listed := map[plantedMistake]int{}
	for i, line := range strings.Split(string(content), "\n") {
		if !strings.HasPrefix(line, "|") {
			continue
		}
		file := tableFileRE.FindStringSubmatch(line)
		ruleIDs := tableRuleRE.FindAllString(line, -1)
		if file == nil || len(ruleIDs) == 0 {
			continue
		}
		if len(ruleIDs) != 1 {
			t.Errorf("%s:%d: a mistake row must name one rule, got %v", path, i+1, ruleIDs)
			continue
		}
		id := ruleIDs[0]
		r := rules[id]
		if r == nil {
			t.Errorf("%s:%d: %s is not a built-in rule", path, i+1, id)
			continue
		}
		if !strings.Contains(line, r.Name) {
			t.Errorf("%s:%d: %s is named %s", path, i+1, id, r.Name)
		}
		if _, err := os.Stat(filepath.Join(filepath.Dir(path), file[1])); err != nil {
			t.Errorf("%s:%d: %v", path, i+1, err)
		}
		listed[plantedMistake{file[1], id}]++
	}
	if len(listed) == 0 {
		t.Errorf("%s: no mistakes table found (rows like | `bookinfo/x.yaml` | ML1102 virtualservice-subset-not-found | why |)", path)
	}
	return listed
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
