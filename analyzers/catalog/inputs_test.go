package catalog_test

import (
	"context"
	"fmt"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// TestRulesReadOnlyTheirInputs checks each rule's declared Inputs against
// what it does: every fixture (of every rule) and the example mesh are
// linted with the rule as written, and again
// with the documents of every other kind blanked out (line numbers kept).
// A rule that reads a kind it did not declare — a DestinationRule's
// subsets, a Namespace's labels — then reports differently, and the
// runner would skip it wrongly when that kind is all a change touches.
func TestRulesReadOnlyTheirInputs(t *testing.T) {
	files := append(analysistest.Sources(t, rulesDir), analysistest.Sources(t, "../../examples")...)
	for _, rule := range catalog.All() {
		if len(rule.Inputs) == 0 {
			continue
		}
		t.Run(rule.ID, func(t *testing.T) {
			masked := 0
			for _, file := range files {
				content, err := os.ReadFile(file)
				if err != nil {
					t.Fatal(err)
				}
				kept, n := keepKinds(content, rule.Inputs)
				if n == 0 {
					continue
				}
				masked += n
				want := findings(t, rule, source.Source{Path: file, Content: content})
				got := findings(t, rule, source.Source{Path: file, Content: kept})
				if !slices.Equal(got, want) {
					t.Errorf("%s: without the kinds %s does not declare, it reports\n  %s\ninstead of\n  %s",
						file, rule.ID, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
				}
			}
			t.Logf("%d documents of undeclared kinds blanked", masked)
		})
	}
}

func TestRunnerSkipsRulesWithoutInputs(t *testing.T) {
	ran := false
	rule := &analyzers.Rule{ID: "ML9001", Name: "needs-services", Severity: analyzers.SeverityInfo,
		Inputs: []graph.GroupKind{graph.KindService}, Run: func(*analyzers.Pass) { ran = true }}
	src := source.Source{Path: "ns.yaml", Content: []byte("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: a\n")}
	if _, err := analyzers.Run(context.Background(), graph.Load([]source.Source{src}, graph.DefaultOptions()), []*analyzers.Rule{rule}); err != nil {
		t.Fatal(err)
	}
	if ran {
		t.Error("a rule reading Services ran on a graph without any")
	}
}

func findings(t *testing.T, rule *analyzers.Rule, src source.Source) []string {
	t.Helper()
	fs, err := analyzers.Run(context.Background(), graph.Load([]source.Source{src}, graph.DefaultOptions()), []*analyzers.Rule{rule})
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range fs {
		out = append(out, fmt.Sprintf("%d:%d %s", f.Location.Start.Line, f.Location.Start.Column, f.Message))
	}
	return out
}

var (
	docSeparator = regexp.MustCompile(`(?m)^---`)
	topAPI       = regexp.MustCompile(`(?m)^apiVersion:\s*["']?([^\s"'#]+)`)
	topKind      = regexp.MustCompile(`(?m)^kind:\s*["']?([^\s"'#]+)`)
	nonEmptyLine = regexp.MustCompile(`(?m)^.+$`)
)

// keepKinds turns every document of a kind not in kinds into comment
// lines, so that the rest keeps its line numbers; it returns how many it
// blanked. Documents whose kind it cannot read (Lists, broken YAML) stay.
func keepKinds(content []byte, kinds []graph.GroupKind) ([]byte, int) {
	text := string(content)
	bounds := append(docSeparator.FindAllStringIndex(text, -1), []int{len(text), len(text)})
	var b strings.Builder
	start, blanked := 0, 0
	for _, sep := range bounds {
		doc := text[start:sep[0]]
		start = sep[0]
		api, kind := topAPI.FindStringSubmatch(doc), topKind.FindStringSubmatch(doc)
		if api == nil || kind == nil || kind[1] == "List" || slices.Contains(kinds, groupKind(api[1], kind[1])) {
			b.WriteString(doc)
			continue
		}
		blanked++
		b.WriteString(nonEmptyLine.ReplaceAllString(doc, "#"))
	}
	return []byte(b.String()), blanked
}

func groupKind(apiVersion, kind string) graph.GroupKind {
	group, _, ok := strings.Cut(apiVersion, "/")
	if !ok {
		group = ""
	}
	return graph.GroupKind{Group: group, Kind: kind}
}
