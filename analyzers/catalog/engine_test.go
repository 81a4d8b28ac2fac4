package catalog_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/analyzers/input"
	"github.com/meshlint/meshlint/graph/source"
	meshlint "github.com/meshlint/meshlint/lint"
)

// The rules in input.EngineMade report what the lint engine finds after
// every rule ran (suppressions that silence nothing): their Run does
// nothing, so their fixtures and examples are linted through the engine,
// with every default rule, and only their own findings compared.

func isEngineMade(r *analyzers.Rule) bool { return slices.Contains(input.EngineMade, r) }

// engineFindings lints one file through the engine and keeps rule's findings.
func engineFindings(t *testing.T, rule *analyzers.Rule, name string, content []byte) []*analyzers.Finding {
	t.Helper()
	res, err := meshlint.Lint(context.Background(), []source.Source{{Path: name, Content: content}}, meshlint.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(res.Findings, func(f *analyzers.Finding) bool { return f.Rule != rule })
}

// runEngineFixtures is analysistest.Run for an engine-made rule.
func runEngineFixtures(t *testing.T, rule *analyzers.Rule, files ...string) {
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			content, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			wants, err := analysistest.ParseExpectations(file, content)
			if err != nil {
				t.Fatal(err)
			}
			analysistest.Compare(t, wants, engineFindings(t, rule, file, content))
		})
	}
}

// engineExample lints a doc example for TestDocExamples: the rule's own
// findings and the others' that the engine leaves unsuppressed.
func engineExample(t *testing.T, name, yaml string) []*analyzers.Finding {
	t.Helper()
	res, err := meshlint.Lint(context.Background(), []source.Source{{Path: name, Content: []byte(yaml)}}, meshlint.DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(res.Findings, func(f *analyzers.Finding) bool { return f.Suppressed })
}
