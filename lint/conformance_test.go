package lint_test

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// The istioctl conformance suite is istioctl's own analyzer test grid
// (pkg/config/analysis/analyzers/analyzers_test.go) exported as data. It
// lives beside the repository, in ../shared, and is read from there at run
// time: it is Apache-licensed Istio test data, not part of meshlint.
const (
	conformanceDirEnv = "MESHLINT_CONFORMANCE_DIR"
	conformanceRel    = "../shared/conformance/istioctl-analyze"
	conformanceFloor  = "testdata/conformance-floor.txt"
	// conformanceGrid is the single-cluster table; the one mcTestGrid case
	// needs two clusters, which a file linter has no notion of.
	conformanceGrid = "testGrid"
)

// conformanceCase is the part of a cases.json object the test reads; the
// suite's README documents every field.
type conformanceCase struct {
	ID             string          `json:"id"`
	Grid           string          `json:"grid"`
	InputFiles     []string        `json:"inputFiles"`
	MeshConfigFile *string         `json:"meshConfigFile"`
	Analyzers      []string        `json:"analyzers"`
	Expected       []istioMessage  `json:"expected"`
	Observed       []istioObserved `json:"observed"`
}

type istioMessage struct {
	Code     string `json:"code"`
	Resource string `json:"resource"`
}

// istioObserved is what upstream actually printed; only used to explain a
// missing entry in the log.
type istioObserved struct {
	istioMessage
	Reference string `json:"reference"`
	Message   string `json:"message"`
}

// entry is the unit of comparison: upstream asserts (code, origin) pairs
// as a multiset (gomega ConsistOf), so duplicates count.
type entry struct {
	code, resource string
}

func (e entry) String() string { return e.code + " " + e.resource }

// droppedNamespaces are the namespaces whose documents the upstream harness
// drops before analysis. meshlint has no such switch, so the test drops the
// findings on resources there instead. That is weaker than upstream — the
// documents still take part in joins (a Service in kube-system still
// resolves a host) — but in the grid only
// testdata/service-no-port-name-system-namespace.yaml has such documents,
// and nothing refers to them.
var droppedNamespaces = map[string]bool{
	"kube-system": true, "kube-public": true, "kube-node-lease": true, "local-path-storage": true,
}

// harnessDefaults reproduces step 4 of the upstream harness: because the
// default ingressControllerMode is not OFF, it adds the default ingress
// gateway's Service and a dummy Pod after the case's files. Some cases
// depend on them (dependsOnHarnessDefaults), so they are loaded as a
// generated source rather than by turning AssumeDefaultIngress on, which
// would add a workload but no Service.
const harnessDefaults = `apiVersion: v1
kind: Service
metadata:
  name: istio-ingressgateway
  namespace: istio-system
spec:
  selector:
    istio: ingressgateway
  ports:
  - {name: http2, port: 80, targetPort: 80, protocol: TCP}
  - {name: https, port: 443, targetPort: 443, protocol: TCP}
  - {name: tcp, port: 31400, targetPort: 31400, protocol: TCP}
  - {name: tls, port: 15443, targetPort: 15443, protocol: TCP}
---
apiVersion: v1
kind: Pod
metadata:
  name: istio-ingressgateway-dummypod
  namespace: istio-system
  labels:
    istio: ingressgateway
spec:
  containers:
  - name: istio-proxy
`

// caseResult is one case's verdict, kept for the summary.
type caseResult struct {
	id, analyzer string
	match        bool
}

// TestConformance runs istioctl's analyzer test grid against meshlint: each
// case runs only the meshlint rules mapped to the case's istioctl analyzer,
// under the harness's settings, and compares the istioctl codes and origins
// meshlint reports with upstream's expectation. Individual mismatches are
// logged, not failed: the suite measures progress, and the test fails only
// when fewer cases match than the floor recorded in
// testdata/conformance-floor.txt, which is raised as rules land.
func TestConformance(t *testing.T) {
	root := moduleRoot(t)
	dir := os.Getenv(conformanceDirEnv)
	if dir == "" {
		dir = filepath.Join(root, conformanceRel)
	}
	if _, err := os.Stat(filepath.Join(dir, "cases.json")); err != nil {
		t.Skipf("istioctl conformance suite not found at %s; it lives beside the repository in ../shared — skipping", dir)
	}
	floor := readFloor(t, filepath.Join(root, conformanceFloor))
	cases := readCases(t, filepath.Join(dir, "cases.json"))
	if len(cases) == 0 {
		t.Fatalf("%s: no %s cases", dir, conformanceGrid)
	}

	var results []caseResult
	for _, c := range cases {
		res := caseResult{id: c.ID, analyzer: strings.Join(c.Analyzers, ",")}
		t.Run(c.ID, func(t *testing.T) {
			res.match = runConformanceCase(t, dir, c)
		})
		results = append(results, res)
	}

	matched := 0
	for _, r := range results {
		if r.match {
			matched++
		}
	}
	summary := fmt.Sprintf("istioctl conformance: %d of %d %s cases match (floor %d)\n%s",
		matched, len(results), conformanceGrid, floor, perAnalyzer(results))
	t.Log(summary)
	// Also to stderr, so that the count shows in a plain `go test` run.
	fmt.Fprint(os.Stderr, summary)
	if matched < floor {
		t.Errorf("%d cases match, fewer than the floor %d in %s: a change broke conformance", matched, floor, conformanceFloor)
	}
}

// runConformanceCase lints one case and reports whether meshlint's entries
// equal upstream's. Differences are logged; only an internal error fails
// the subtest, since no input may crash meshlint.
func runConformanceCase(t *testing.T, dir string, c conformanceCase) bool {
	t.Helper()
	rules := rulesFor(c.Analyzers)
	if len(rules) == 0 {
		// No meshlint rule reproduces this analyzer: the case never counts
		// as a match, even when upstream expects nothing, because a match
		// must mean meshlint ran something and agreed.
		t.Logf("no meshlint rule maps to %s", strings.Join(c.Analyzers, ", "))
		return false
	}
	codes := comparedCodes(c, rules)

	sources := make([]source.Source, 0, len(c.InputFiles)+1)
	for _, f := range c.InputFiles {
		sources = append(sources, readSource(t, dir, f))
	}
	sources = append(sources, source.Source{Path: "harness-defaults.yaml", Content: []byte(harnessDefaults)})

	opts := graph.Options{
		DefaultNamespace:     "", // the harness does not default namespaces
		ClusterDomain:        "cluster.local",
		AssumeDefaultIngress: false, // harnessDefaults stands in for it
	}
	if c.MeshConfigFile != nil {
		mc, err := graph.ParseMeshConfig(readSource(t, dir, *c.MeshConfigFile))
		if err != nil {
			t.Fatalf("mesh config: %v", err)
		}
		opts.Mesh = mc
	}

	g := graph.Load(sources, opts)
	rep, err := lint.Analyze(context.Background(), g, lint.Options{Graph: opts, Rules: rules, AllRules: true})
	if err != nil {
		t.Fatalf("lint.Analyze: %v", err)
	}

	var got []entry
	details := map[entry][]string{}
	for _, f := range rep.Findings {
		if f.Resource == nil || droppedNamespaces[f.Resource.Namespace] {
			continue
		}
		for _, code := range f.Rule.Istio {
			if !codes[code] {
				continue
			}
			e := entry{code, f.Resource.String()}
			got = append(got, e)
			details[e] = append(details[e], fmt.Sprintf("%s:%d:%d %s: %s",
				f.Location.File, f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message))
		}
	}
	var want []entry
	for _, m := range c.Expected {
		if codes[m.Code] {
			want = append(want, entry{m.Code, m.Resource})
		}
	}

	missing, unexpected := multisetDiff(want, got)
	for _, e := range missing {
		t.Logf("missing:    %s%s", e, upstreamDetail(c, e))
	}
	for _, e := range unexpected {
		t.Logf("unexpected: %s  [%s]", e, strings.Join(details[e], "; "))
	}
	return len(missing) == 0 && len(unexpected) == 0
}

// rulesFor selects the built-in rules that reproduce any of the analyzers,
// as the upstream harness runs only the analyzer under test.
func rulesFor(istioAnalyzers []string) []*analyzers.Rule {
	var out []*analyzers.Rule
	for _, r := range catalog.All() {
		for _, a := range istioAnalyzers {
			if slices.Contains(r.IstioAnalyzers, a) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// comparedCodes are the codes the case's analyzers can emit: those upstream
// expects plus those the selected rules map to. Codes outside the set (a
// rule mapped to several codes, some from other analyzers) are not compared.
// The validating webhook's codes come only from schema.ValidationAnalyzer.*:
// a rule that is both an analyzer and a webhook warning (ML2002: IST0134
// and IST0133) does not emit them in another analyzer's case.
func comparedCodes(c conformanceCase, rules []*analyzers.Rule) map[string]bool {
	codes := map[string]bool{}
	for _, m := range c.Expected {
		codes[m.Code] = true
	}
	schemaCase := slices.ContainsFunc(c.Analyzers, func(a string) bool { return strings.HasPrefix(a, "schema.ValidationAnalyzer.") })
	for _, r := range rules {
		for _, code := range r.Istio {
			if schemaCase || !webhookCodes[code] {
				codes[code] = true
			}
		}
	}
	return codes
}

// webhookCodes are the codes of istioctl's validation (webhook) analyzers.
var webhookCodes = map[string]bool{"IST0106": true, "IST0133": true, "IST0130": true, "IST0131": true}

// multisetDiff returns the entries of want not matched in got and those of
// got not matched in want, counting duplicates, each sorted.
func multisetDiff(want, got []entry) (missing, unexpected []entry) {
	count := map[entry]int{}
	for _, e := range want {
		count[e]++
	}
	for _, e := range got {
		count[e]--
	}
	for e, n := range count {
		for ; n > 0; n-- {
			missing = append(missing, e)
		}
		for ; n < 0; n++ {
			unexpected = append(unexpected, e)
		}
	}
	byString := func(s []entry) {
		sort.Slice(s, func(i, j int) bool { return s[i].String() < s[j].String() })
	}
	byString(missing)
	byString(unexpected)
	return missing, unexpected
}

// upstreamDetail quotes where and what istioctl reported for a missing
// entry, which usually says at once which reference meshlint missed.
func upstreamDetail(c conformanceCase, e entry) string {
	var parts []string
	for _, o := range c.Observed {
		if o.Code == e.code && o.Resource == e.resource {
			parts = append(parts, o.Reference+": "+o.Message)
		}
	}
	if len(parts) == 0 {
		return ""
	}
	return "  [istioctl: " + strings.Join(parts, "; ") + "]"
}

// perAnalyzer renders one "matched/total analyzer" line per analyzer, in
// name order.
func perAnalyzer(results []caseResult) string {
	type tally struct{ matched, total int }
	by := map[string]*tally{}
	var names []string
	for _, r := range results {
		t := by[r.analyzer]
		if t == nil {
			t = &tally{}
			by[r.analyzer] = t
			names = append(names, r.analyzer)
		}
		t.total++
		if r.match {
			t.matched++
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		fmt.Fprintf(&b, "  %3d/%-3d %s\n", by[n].matched, by[n].total, n)
	}
	return b.String()
}

// readCases returns the suite's testGrid cases in file order.
func readCases(t *testing.T, path string) []conformanceCase {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var all []conformanceCase
	if err := json.Unmarshal(data, &all); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []conformanceCase
	for _, c := range all {
		if c.Grid == conformanceGrid {
			out = append(out, c)
		}
	}
	return out
}

// readSource reads a suite file. Its Source.Path stays relative to the
// suite directory, as upstream names it ("testdata/…"), so that logged
// locations read like istioctl's references.
func readSource(t *testing.T, dir, rel string) source.Source {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return source.Source{Path: rel, Content: data}
}

// readFloor reads the minimum number of matching cases: one integer, with
// lines starting with # as comments.
func readFloor(t *testing.T, path string) int {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		n, err := strconv.Atoi(line)
		if err != nil || n < 0 {
			t.Fatalf("%s: %q is not a case count", path, line)
		}
		return n
	}
	t.Fatalf("%s: no case count", path)
	return 0
}

// moduleRoot walks up from the package directory to the directory holding
// go.mod, so that the suite and the floor are found wherever the test runs.
func moduleRoot(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("go.mod not found above the test's directory")
		}
		dir = parent
	}
}
