package catalog_test

import (
	"context"
	"fmt"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	meshlint "github.com/meshlint/meshlint/lint"
)

// exampleExempt lists the rules whose examples are not YAML to lint, and why.
var exampleExempt = map[string]string{
	// The chart is found by walking a directory that holds a Chart.yaml, and
	// the fix is a command line (helm template | meshlint -): the examples
	// are shell commands, and no single YAML document shows either.
	"ML0007": "the input is a directory layout; the examples are commands",
	// A kustomization and its patches are several files built together
	// with -k: no single YAML document shows the mistake or its fix.
	"ML0011": "the input is a kustomization and its patch files",
	"ML0012": "the input is a kustomization and its patch files",
	"ML0013": "the input is a directory layout; the examples are commands",
}

// example is one fenced YAML block of a rule's Bad or Good section.
type example struct {
	section string // "Bad" or "Good"
	line    int    // line of the opening fence in Doc, 1-based
	yaml    string
}

// docExamples reads the YAML blocks of a rule's "### Bad" and "### Good"
// sections.
func docExamples(doc string) ([]example, error) {
	var out []example
	section := ""
	var block *example
	for i, line := range strings.Split(doc, "\n") {
		switch {
		case block != nil && strings.TrimSpace(line) == "```":
			out = append(out, *block)
			block = nil
		case block != nil:
			block.yaml += line + "\n"
		case strings.HasPrefix(line, "#"):
			section = strings.TrimSpace(strings.TrimLeft(line, "#"))
		case strings.HasPrefix(line, "```"):
			if (section == "Bad" || section == "Good") && strings.TrimPrefix(line, "```") == "yaml" {
				block = &example{section: section, line: i + 1}
			}
		}
	}
	if block != nil {
		return nil, fmt.Errorf("line %d: the %s example's fence is not closed", block.line, block.section)
	}
	return out, nil
}

var wantComment = regexp.MustCompile(`#\s*want:`)

// TestDocExamples lints each rule's documented examples as a user would
// copy them: with every default rule, plus the rule itself when it runs
// only on demand. A Bad example must produce the rule's finding; a Good one
// must not, nor a warning or an error of any other rule: a Good example
// that meshlint still calls wrong teaches the wrong thing. (Info findings
// are allowed: every EnvoyFilter draws ML0230's reminder, by design.)
func TestDocExamples(t *testing.T) {
	all, err := meshlint.Catalog(nil) // the Go rules and the built-in Rego policies
	if err != nil {
		t.Fatal(err)
	}
	for _, rule := range all {
		t.Run(rule.ID, func(t *testing.T) {
			if wantComment.MatchString(rule.DocText()) {
				t.Errorf("the doc carries a `# want` comment: that is fixture syntax, not for users")
			}
			examples, err := docExamples(rule.DocText())
			if err != nil {
				t.Fatal(err)
			}
			if reason, ok := exampleExempt[rule.ID]; ok {
				if len(examples) > 0 {
					t.Errorf("exempt from linting its examples (%s), yet it has YAML examples: lint them", reason)
				}
				return
			}
			docFile := rule.ID + ".md"
			if found, _ := filepath.Glob(filepath.Join("..", "*", docFile)); len(found) == 1 {
				docFile = filepath.ToSlash(filepath.Join("analyzers", filepath.Base(filepath.Dir(found[0])), docFile))
			}
			var bad, good int
			if rule.Policy != "" {
				docFile = rule.Policy
			}
			rules := analyzers.Defaults(all)
			if rule.NonDefault {
				rules = append(rules, rule)
			}
			for _, ex := range examples {
				name := fmt.Sprintf("%s-%s-line%d.yaml", rule.ID, strings.ToLower(ex.section), ex.line)
				findings := lintExample(t, rule, rules, name, ex.yaml)
				var own int
				var others []*analyzers.Finding
				for _, f := range findings {
					if f.Rule.ID == rule.ID {
						own++
					} else {
						others = append(others, f)
					}
				}
				where := fmt.Sprintf("%s:%d: the %s example", docFile, ex.line, ex.section)
				switch ex.section {
				case "Bad":
					bad++
					if own == 0 {
						t.Errorf("%s does not produce %s", where, rule.ID)
					}
				case "Good":
					good++
					if own > 0 {
						t.Errorf("%s produces %s", where, rule.ID)
					}
				}
				for _, f := range others {
					msg := fmt.Sprintf("%s also produces %s %s at %s:%d:%d: %s", where, f.Severity, f.Rule.ID, docFile,
						ex.line+f.Location.Start.Line, f.Location.Start.Column, f.Message)
					if ex.section == "Good" && f.Severity >= analyzers.SeverityWarning {
						t.Error(msg)
					} else {
						t.Log(msg)
					}
				}
			}
			if bad == 0 || good == 0 {
				t.Errorf("needs a YAML block under both ### Bad and ### Good (has %d bad, %d good)", bad, good)
			}
		})
	}
}

// lintExample lints one example with rules, or through the engine for an
// engine-made rule.
func lintExample(t *testing.T, rule *analyzers.Rule, rules []*analyzers.Rule, name, yaml string) []*analyzers.Finding {
	t.Helper()
	if isEngineMade(rule) {
		return engineExample(t, name, yaml)
	}
	g := graph.Load([]source.Source{{Path: name, Content: []byte(yaml)}}, graph.DefaultOptions())
	res, err := analyzers.RunWith(context.Background(), g, rules, analyzers.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return res.Findings
}
