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
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

// coOccurring are the pairs of rules (lower ID first) that may report the
// same line: each finds a different mistake that happens to sit there.
// Any other pair on one line is one mistake reported twice, which is to
// be fixed by merging or narrowing the rules, not by growing this list.
var coOccurring = map[[2]string]string{
	// A flow-style destination ({host: x, subset: v1}): the host has no
	// Service and, separately, no DestinationRule defines the subset.
	{"ML1102", "ML1103"}: "host and subset of one destination",
	{"ML0205", "ML1103"}: "subset name not a DNS label, host not found",
	// A duplicated key, and a reference in the value that wins.
	{"ML0002", "ML1102"}: "duplicate key, then a missing subset",
	// A name Istio's webhook rejects (its grammar), which also names
	// nothing in the files: fixing the spelling need not fix the reference.
	{"ML0205", "ML1101"}: "gateway name not a DNS label, and not found",
	{"ML0205", "ML1102"}: "subset name not a DNS label, and not defined",
	// The webhook rejects a gateway name holding `~` (IST0106, an error on
	// apply); ML1107 says it is Istio's internal name and what to use.
	// istioctl reports both, and both count in the conformance suites.
	{"ML0205", "ML1107"}: "rejected gateway name, and the internal-gateway hint",
	// A Namespace without the injection label that also comes after its
	// workloads: labelling it does not move it, nor the reverse.
	{"ML3001", "ML7002"}: "namespace not injected, and applied after its workloads",
	// A Service over two versions: no VirtualService routes them, and
	// one version runs outside the mesh; routing them fixes neither.
	{"ML2004", "ML3006"}: "versions not routed, and a version outside the mesh",
	// A deprecated annotation in the wrong place: moving it does not
	// replace it, nor the reverse (istioctl reports IST0107 and IST0135).
	{"ML8006", "ML8008"}: "annotation misplaced, and deprecated",
	// ML8009 (opt-in) notes that an annotation belongs to an alpha
	// feature, whatever else is wrong with its place or value.
	{"ML1108", "ML8009"}: "exportTo names a missing namespace, and is alpha",
	{"ML8006", "ML8009"}: "annotation misplaced, and alpha",
	{"ML8007", "ML8009"}: "annotation value invalid, and alpha",
	{"ML8008", "ML8009"}: "annotation deprecated, and alpha",
	// A backendRef written on one line without port whose Service is also
	// missing: adding the port does not create the Service, nor the reverse.
	{"ML0120", "ML5205"}: "backendRef without port, and its Service not found",
}

// TestOneMistakeOneFinding lints every rule fixture, and the example mesh
// as a whole, with every rule, and fails when two rules report one line
// unless the pair is known to find different causes there.
func TestOneMistakeOneFinding(t *testing.T) {
	var sets [][]string
	fixtures, err := filepath.Glob(filepath.Join(rulesDir, "*", "*.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range fixtures {
		sets = append(sets, []string{f})
	}
	sets = append(sets, yamlFiles(t, "../../examples"))
	for _, files := range sets {
		for _, pair := range sameLinePairs(t, files) {
			if _, different := coOccurring[pair.rules]; !different {
				t.Errorf("%s: %s and %s report the same line; one mistake should get one finding (or list the pair, with why, in coOccurring)",
					pair.where, pair.rules[0], pair.rules[1])
			}
		}
	}
}

type linePair struct {
	where string
	rules [2]string
}

// sameLinePairs lints files together with every rule and lists each pair
// of different rules that report the same file and line.
func sameLinePairs(t *testing.T, files []string) []linePair {
	t.Helper()
	var sources []source.Source
	for _, f := range files {
		content, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, source.Source{Path: f, Content: content})
	}
	findings, err := analyzers.Run(context.Background(), graph.Load(sources, graph.DefaultOptions()), catalog.All())
	if err != nil {
		t.Fatalf("%s: %v", strings.Join(files, ", "), err)
	}
	byLine := map[string][]string{}
	var lines []string
	for _, f := range findings {
		key := fmt.Sprintf("%s:%d", f.Location.File, f.Location.Start.Line)
		if !slices.Contains(byLine[key], f.Rule.ID) {
			if byLine[key] == nil {
				lines = append(lines, key)
			}
			byLine[key] = append(byLine[key], f.Rule.ID)
		}
	}
	var out []linePair
	for _, key := range lines {
		ids := slices.Sorted(slices.Values(byLine[key]))
		for i := range ids {
			for _, b := range ids[i+1:] {
				out = append(out, linePair{key, [2]string{ids[i], b}})
			}
		}
	}
	return out
}

func yamlFiles(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".yaml") || strings.HasSuffix(path, ".yml")) {
			out = append(out, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}
