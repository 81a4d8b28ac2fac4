package validation_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// schema-verdicts.json records what istioctl's own validation (its
// schema.ValidationAnalyzer.* analyzers, i.e. the Istio validating webhook)
// reports on each file of the istioctl conformance test data. It lives
// beside the repository, in ../shared, and is read from there at run time.
const (
	verdictsDirEnv   = "MESHLINT_CONFORMANCE_DIR"
	verdictsRel      = "../../../shared/conformance/istioctl-analyze"
	validationFloors = "../../testdata/istio-validation-floor.txt"
)

// validationCodes are the istioctl codes the validating webhook produces.
var validationCodes = []string{"IST0106", "IST0133", "IST0130", "IST0131"}

type verdict struct {
	Code      string `json:"code"`
	Resource  string `json:"resource"`
	Reference string `json:"reference"`
	Message   string `json:"message"`
}

// verdictKey is the unit of comparison: an istioctl code on a resource,
// counted as a multiset like the upstream harness does.
type verdictKey struct{ code, resource string }

// tally counts agreement for one code.
type tally struct{ matched, missing, extra int }

// TestIstioValidationConformance lints each file of the istioctl test data
// as istioctl was run (-A: namespace-less documents stay in the empty
// namespace) and compares the (code, resource) multiset of the findings on
// Istio resources with istioctl's verdicts. It does so twice: with every
// rule mapped to a validation code (what meshlint reports: the ML02xx rules
// leave required fields to ML0103 and CRD rules to ML0120), then with the
// ML02xx rules alone. Differences of the first run are logged; the test
// fails only when a code's matched count drops below its floor in
// testdata/istio-validation-floor.txt.
func TestIstioValidationConformance(t *testing.T) {
	dir := os.Getenv(verdictsDirEnv)
	if dir == "" {
		dir = verdictsRel
	}
	data, err := os.ReadFile(filepath.Join(dir, "schema-verdicts.json"))
	if err != nil {
		t.Skipf("istioctl validation verdicts not found in %s (they live beside the repository in ../shared): %v", dir, err)
	}
	var doc struct {
		Files map[string][]verdict `json:"files"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatal(err)
	}
	all := validationRules(func(*analyzers.Rule) bool { return true })
	tallies := compareAll(t, dir, doc.Files, all, true)
	own := compareAll(t, dir, doc.Files, validationRules(func(r *analyzers.Rule) bool { return strings.HasPrefix(r.ID, "ML02") }), false)
	floors := readValidationFloors(t)
	for _, c := range validationCodes {
		tl, o := tallies[c], own[c]
		t.Logf("%s: matched %d, missing %d, extra %d (floor %d); ML02xx alone: matched %d, missing %d, extra %d",
			c, tl.matched, tl.missing, tl.extra, floors[c], o.matched, o.missing, o.extra)
		if tl.matched < floors[c] {
			t.Errorf("%s: %d verdicts matched, fewer than the floor %d in %s", c, tl.matched, floors[c], validationFloors)
		}
	}
}

// validationRules are the built-in rules mapped to a validation code that
// keep says to use.
func validationRules(keep func(*analyzers.Rule) bool) []*analyzers.Rule {
	var out []*analyzers.Rule
	for _, r := range catalog.All() {
		if keep(r) && slices.ContainsFunc(r.Istio, func(c string) bool { return slices.Contains(validationCodes, c) }) {
			out = append(out, r)
		}
	}
	return out
}

func compareAll(t *testing.T, dir string, files map[string][]verdict, rules []*analyzers.Rule, logDiffs bool) map[string]*tally {
	t.Helper()
	tallies := map[string]*tally{}
	for _, c := range validationCodes {
		tallies[c] = &tally{}
	}
	for _, file := range slices.Sorted(maps.Keys(files)) {
		compareFile(t, dir, file, files[file], rules, tallies, logDiffs)
	}
	return tallies
}

// compareFile lints one file, counts agreement and, if asked, logs how
// meshlint's entries differ from istioctl's.
func compareFile(t *testing.T, dir, file string, want []verdict, rules []*analyzers.Rule, tallies map[string]*tally, logDiffs bool) {
	t.Helper()
	content, err := os.ReadFile(filepath.Join(dir, file))
	if err != nil {
		t.Fatal(err)
	}
	opts := graph.Options{DefaultNamespace: "", ClusterDomain: "cluster.local"}
	findings, err := analyzers.Run(context.Background(), graph.Load([]source.Source{{Path: file, Content: content}}, opts), rules)
	if err != nil {
		t.Fatalf("%s: %v", file, err)
	}
	wantN := map[verdictKey]int{}
	for _, v := range want {
		wantN[verdictKey{v.Code, v.Resource}]++
	}
	got := meshlintEntries(findings)
	keys := slices.Collect(maps.Keys(wantN))
	for k := range got {
		if wantN[k] == 0 {
			keys = append(keys, k)
		}
	}
	slices.SortFunc(keys, func(a, b verdictKey) int { return strings.Compare(a.code+a.resource, b.code+b.resource) })
	for _, k := range keys {
		tl, n := tallies[k.code], wantN[k]-len(got[k])
		tl.matched += min(wantN[k], len(got[k]))
		switch {
		case n > 0:
			tl.missing += n
			if logDiffs {
				t.Logf("missing %s %s in %s  [istioctl: %s]", k.code, k.resource, file, istioctlSays(want, k))
			}
		case n < 0:
			tl.extra -= n
			if logDiffs {
				t.Logf("extra   %s %s in %s  [meshlint: %s]", k.code, k.resource, file, strings.Join(got[k], "; "))
			}
		}
	}
}

// meshlintEntries maps the findings on Istio resources (istioctl validates
// nothing else) to (code, resource) entries. Like istioctl, which prints a
// message once however often the webhook returns it, findings of one rule
// on one resource with the same text count once.
func meshlintEntries(findings []*analyzers.Finding) map[verdictKey][]string {
	out := map[verdictKey][]string{}
	seen := map[string]bool{}
	for _, f := range findings {
		if f.Resource == nil || !graph.IsIstioKind(f.Resource.GroupKind()) {
			continue
		}
		for _, code := range f.Rule.Istio {
			if !slices.Contains(validationCodes, code) {
				continue
			}
			k := verdictKey{code, f.Resource.String()}
			id := k.code + "|" + k.resource + "|" + f.Rule.ID + "|" + f.Message
			if seen[id] {
				continue
			}
			seen[id] = true
			out[k] = append(out[k], fmt.Sprintf("%d:%d %s %s", f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message))
		}
	}
	return out
}

func istioctlSays(want []verdict, k verdictKey) string {
	var parts []string
	for _, v := range want {
		if v.Code == k.code && v.Resource == k.resource {
			parts = append(parts, v.Reference+" "+v.Message)
		}
	}
	return strings.Join(parts, "; ")
}

// readValidationFloors reads `CODE N` lines; # starts a comment.
func readValidationFloors(t *testing.T) map[string]int {
	t.Helper()
	f, err := os.Open(validationFloors)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	floors := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line, _, _ := strings.Cut(sc.Text(), "#")
		fields := strings.Fields(line)
		if len(fields) == 0 {
			continue
		}
		n, err := strconv.Atoi(fields[len(fields)-1])
		if len(fields) != 2 || err != nil {
			t.Fatalf("%s: bad line %q (want `IST0106 N`)", validationFloors, sc.Text())
		}
		floors[fields[0]] = n
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return floors
}
