package catalog_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/analyzers/references"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// rulesDir holds one fixture directory per built-in rule, named
// <ID>-<name>. In it:
//   - bad-*  files carry `# want` comments and are linted with the rule alone;
//   - good-* files carry none and must stay clean under the rule alone;
//   - all-*  files are linted with every built-in rule (for interactions,
//     such as a syntax error that must not hide the next document's findings).
//
// Each file is linted on its own, so it holds every resource it needs.
const rulesDir = "../../testdata/rules"

// fixtureSet is what TestRules found for one rule.
type fixtureSet struct {
	bad, good, all []string
}

func TestRules(t *testing.T) {
	byID := map[string]*analyzers.Rule{}
	for _, r := range catalog.All() {
		byID[r.ID] = r
	}
	entries, err := os.ReadDir(rulesDir)
	if err != nil {
		t.Fatal(err)
	}
	covered := map[string]bool{}
	for _, entry := range entries {
		dir := filepath.Join(rulesDir, entry.Name())
		if !entry.IsDir() {
			t.Errorf("%s: only rule directories belong in %s", dir, rulesDir)
			continue
		}
		id, _, _ := strings.Cut(entry.Name(), "-")
		rule := byID[id]
		if rule == nil {
			t.Errorf("%s: no built-in rule has ID %q", dir, id)
			continue
		}
		if want := rule.ID + "-" + rule.Name; entry.Name() != want {
			t.Errorf("%s: directory should be named %s", dir, want)
		}
		covered[rule.ID] = true
		set := classifyFixtures(t, dir, rule)
		t.Run(entry.Name(), func(t *testing.T) {
			if isEngineMade(rule) {
				runEngineFixtures(t, rule, append(set.bad, set.good...)...)
				return
			}
			analysistest.Run(t, graph.DefaultOptions(), []*analyzers.Rule{rule}, append(set.bad, set.good...)...)
			if len(set.all) > 0 {
				analysistest.Run(t, graph.DefaultOptions(), catalog.All(), set.all...)
			}
		})
	}
	for _, r := range catalog.All() {
		if !covered[r.ID] {
			t.Errorf("rule %s %s has no fixture directory %s/%s-%s", r.ID, r.Name, rulesDir, r.ID, r.Name)
		}
	}
}

// classifyFixtures sorts the files of a rule directory and checks that they
// say something: at least one bad and one good file, bad files expecting
// the rule (one expectation with a pinned column at least), good files
// expecting nothing.
func classifyFixtures(t *testing.T, dir string, rule *analyzers.Rule) fixtureSet {
	t.Helper()
	var set fixtureSet
	pinned := false
	for _, file := range analysistest.Sources(t, dir) {
		wants, err := analysistest.ReadExpectations(file)
		if err != nil {
			t.Error(err)
			continue
		}
		// A fixture is a file, or a directory of files named like one
		// (bad-chart/Chart.yaml), for cases that depend on a file's name.
		rel, _ := filepath.Rel(dir, file)
		switch base, _, _ := strings.Cut(filepath.ToSlash(rel), "/"); {
		case strings.HasPrefix(base, "bad-"):
			set.bad = append(set.bad, file)
			if len(wants) == 0 {
				t.Errorf("%s: a bad fixture needs at least one `# want: %s` comment", file, rule.ID)
			}
			for _, w := range wants {
				if w.Rule != rule.ID {
					t.Errorf("%s:%d: bad fixtures of %s run that rule alone; %s cannot be expected here", file, w.Line, rule.ID, w.Rule)
				}
				pinned = pinned || w.Column != 0
			}
		case strings.HasPrefix(base, "good-"):
			set.good = append(set.good, file)
			if len(wants) > 0 {
				t.Errorf("%s:%d: a good fixture must not expect findings", file, wants[0].Line)
			}
		case strings.HasPrefix(base, "all-"):
			set.all = append(set.all, file)
			pinned = pinned || slices.ContainsFunc(wants, func(w analysistest.Expectation) bool { return w.Column != 0 })
		default:
			t.Errorf("%s: fixture names start with bad-, good- or all-", file)
		}
	}
	if len(set.bad) == 0 || len(set.good) == 0 {
		t.Errorf("%s: rule %s needs at least one bad-* and one good-* fixture (has %d bad, %d good)", dir, rule.ID, len(set.bad), len(set.good))
	}
	if !pinned {
		t.Errorf("%s: pin the column (`# want: %s@N`) in at least one expectation", dir, rule.ID)
	}
	return set
}

func TestCatalogue(t *testing.T) {
	rules := catalog.All()
	if err := analyzers.Validate(rules); err != nil {
		t.Fatal(err)
	}
	if !slices.IsSortedFunc(rules, func(a, b *analyzers.Rule) int { return strings.Compare(a.ID, b.ID) }) {
		t.Error("catalog.All() is not in ID order")
	}
}

// Each rule's documentation is the file MLNNNN.md beside its Go file, in
// its family's package. A file that no rule reads would be embedded and
// shipped, yet never shown: every file must be the Doc of the rule it names.
func TestDocFiles(t *testing.T) {
	byID := map[string]*analyzers.Rule{}
	for _, r := range catalog.All() {
		byID[r.ID] = r
	}
	files, err := filepath.Glob(filepath.Join("..", "*", "ML*.md"))
	if err != nil {
		t.Fatal(err)
	}
	seen := map[string]bool{}
	for _, file := range files {
		id := strings.TrimSuffix(filepath.Base(file), ".md")
		r := byID[id]
		if r == nil {
			t.Errorf("%s: no built-in rule has ID %s; delete the file or add the rule", file, id)
			continue
		}
		content, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		if string(content) != r.DocText() {
			t.Errorf("%s is not the documentation of %s %s: the rule reads another file", file, r.ID, r.Name)
		}
		if seen[id] {
			t.Errorf("%s: %s is documented in more than one family", file, id)
		}
		seen[id] = true
	}
	for id := range byID {
		if !seen[id] {
			t.Errorf("rule %s has no documentation file analyzers/<family>/%s.md", id, id)
		}
	}
}

func TestValidateRejectsBadRules(t *testing.T) {
	good := *references.VirtualServiceSubsetNotFound
	for name, mutate := range map[string]func(r *analyzers.Rule){
		"id":       func(r *analyzers.Rule) { r.ID = "ML12" },
		"name":     func(r *analyzers.Rule) { r.Name = "Subset_Not_Found" },
		"severity": func(r *analyzers.Rule) { r.Severity = 0 },
		"summary":  func(r *analyzers.Rule) { r.Summary = "ends with a period." },
		"doc":      func(r *analyzers.Rule) { r.Doc = analyzers.TextDoc("no examples") },
		"istio":    func(r *analyzers.Rule) { r.Istio = []string{"0101"} },
		"since":    func(r *analyzers.Rule) { r.Since = "" },
		"run":      func(r *analyzers.Rule) { r.Run = nil },
		"option": func(r *analyzers.Rule) {
			r.Options = []analyzers.OptionSpec{&analyzers.Option[int]{Name: "Max-Routes", Doc: "x"}}
		},
		"option doc": func(r *analyzers.Rule) { r.Options = []analyzers.OptionSpec{&analyzers.Option[int]{Name: "maxRoutes"}} },
	} {
		bad := good
		mutate(&bad)
		if err := analyzers.Validate([]*analyzers.Rule{&bad}); err == nil {
			t.Errorf("Validate accepted a rule with a bad %s", name)
		}
	}
	dup := good
	if err := analyzers.Validate([]*analyzers.Rule{&good, &dup}); err == nil {
		t.Error("Validate accepted a duplicate rule")
	}
}

func TestLookup(t *testing.T) {
	rules := catalog.All()
	for _, tc := range []struct {
		key  string
		want []string
	}{
		{"ML1102", []string{"ML1102"}},
		{"ml1102", []string{"ML1102"}},
		{"virtualservice-subset-not-found", []string{"ML1102"}},
		{"VirtualService-Subset-Not-Found", []string{"ML1102"}},
		{"yaml-syntax-error", []string{"ML0001"}},
		{"IST0101", []string{"ML1101", "ML1102", "ML1103", "ML1105", "ML1111", "ML4007", "ML5006", "ML6007"}},
		{"ist0101", []string{"ML1101", "ML1102", "ML1103", "ML1105", "ML1111", "ML4007", "ML5006", "ML6007"}},
		{"IST0174", []string{"ML1104"}},
		{"IST0102", []string{"ML3001"}},
		{"IST9999", nil},
		{"ML9999", nil},
		{"subset", nil},
		{"", nil},
	} {
		var got []string
		for _, r := range analyzers.Lookup(rules, tc.key) {
			got = append(got, r.ID)
		}
		if !slices.Equal(got, tc.want) {
			t.Errorf("Lookup(%q) = %v, want %v", tc.key, got, tc.want)
		}
	}
}

// lint runs rules over sources with opts and returns "line:col ID message" keys.
func lint(t *testing.T, opts graph.Options, rules []*analyzers.Rule, sources ...source.Source) []string {
	t.Helper()
	findings, err := analyzers.Run(context.Background(), graph.Load(sources, opts), rules)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range findings {
		got = append(got, fmt.Sprintf("%d:%d %s %s", f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message))
	}
	return got
}

// The good ML1105 fixture is clean only because Istio's default ingress
// gateway is assumed; without the assumption its Gateways select nothing.
func TestGatewaySelectorWithoutDefaultIngress(t *testing.T) {
	file := filepath.Join(rulesDir, "ML1105-gateway-selector-no-workload", "good-default-ingress.yaml")
	content, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	opts := graph.DefaultOptions()
	opts.AssumeDefaultIngress = false
	findings, err := analyzers.Run(context.Background(), graph.Load([]source.Source{{Path: file, Content: content}}, opts),
		[]*analyzers.Rule{references.GatewaySelectorNoWorkload})
	if err != nil {
		t.Fatal(err)
	}
	if len(findings) != 2 {
		t.Fatalf("got %d findings, want one per Gateway (2)", len(findings))
	}
	for _, f := range findings {
		if !strings.Contains(f.Message, "gateway istio-system/istio-ingressgateway is not assumed") {
			t.Errorf("message %q does not say that the default ingress gateway is not assumed", f.Message)
		}
	}
}

// Declared externals satisfy references to things outside the files.
func TestExternals(t *testing.T) {
	src := source.Source{Path: "vs.yaml", Content: []byte(`apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: partner
  namespace: shop
spec:
  hosts:
  - partner.example.com
  gateways:
  - istio-system/public-gateway
  http:
  - route:
    - destination:
        host: api.partner.example.com
`)}
	rules := []*analyzers.Rule{references.VirtualServiceGatewayNotFound, references.VirtualServiceHostNotFound}
	opts := graph.DefaultOptions()
	want := []string{
		`10:5 ML1101 gateway "istio-system/public-gateway" (istio-system/public-gateway) not found in the analyzed manifests`,
		`14:15 ML1103 host "api.partner.example.com" matches no Service or ServiceEntry in the analyzed manifests; if it is defined in other files, declare it in externals.hosts`,
	}
	if got := lint(t, opts, rules, src); !slices.Equal(got, want) {
		t.Errorf("without externals: got\n  %s\nwant\n  %s", strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
	opts.Externals = graph.Externals{Hosts: []string{"*.partner.example.com"}, Gateways: []string{"istio-system/*"}}
	if got := lint(t, opts, rules, src); len(got) != 0 {
		t.Errorf("with externals declared: got %v, want no findings", got)
	}
}

// The istioctl analyzer names select the rules that reproduce them, as
// the codes do, so that a team's `istioctl analyze --analyzer` habits and
// lists carry over.
func TestLookupByIstioAnalyzer(t *testing.T) {
	for _, r := range catalog.All() {
		for _, a := range r.IstioAnalyzers {
			if found := analyzers.Lookup(catalog.All(), a); !slices.Contains(found, r) {
				t.Errorf("%s does not select %s, which reproduces it", a, r.ID)
			}
		}
	}
}
