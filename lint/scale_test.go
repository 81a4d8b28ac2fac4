package lint_test

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/scalemesh"
	"github.com/meshlint/meshlint/lint"
)

// The generator lives in internal/scalemesh (make bench-data uses it too);
// these short names keep the tests and benchmarks readable.
const (
	resourcesPerNamespace = scalemesh.ResourcesPerNamespace
	resourcesPerService   = scalemesh.ResourcesPerService
)

func genMesh(namespaces, servicesPerNS int) []source.Source {
	return scalemesh.Mesh(namespaces, servicesPerNS)
}

func meshShape(resources int) (namespaces, servicesPerNS int) { return scalemesh.Shape(resources) }

func preCommitFile() source.Source { return scalemesh.PreCommitFile() }

// allRules lints with every built-in rule, the non-default ones included,
// so that the clean-mesh test covers the whole catalogue.
func allRules() lint.Options {
	cfg := lint.DefaultOptions()
	cfg.AllRules = true
	return cfg
}

// findingLines renders findings as "file:line rule" for failure messages.
func findingLines(rep *analyzers.Report) []string {
	var out []string
	for _, f := range rep.Findings {
		out = append(out, fmt.Sprintf("%s:%d:%d %s %s", f.Location.File, f.Location.Start.Line, f.Location.Start.Column, f.Rule.ID, f.Message))
	}
	return out
}

func TestGeneratedMeshIsClean(t *testing.T) {
	const namespaces, services = 3, 4
	sources := genMesh(namespaces, services)
	rep, err := lint.Lint(context.Background(), sources, allRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 {
		t.Errorf("generated mesh has %d findings, want none:\n%s", len(rep.Findings), strings.Join(findingLines(rep.Report), "\n"))
	}
	// The resource count is what the benchmarks report per second; check it
	// so that the metric means what it says.
	want := namespaces * (resourcesPerNamespace + resourcesPerService*services)
	if rep.Summary.Resources != want || rep.Summary.Documents != want {
		t.Errorf("summary: %d resources, %d documents; want %d of each", rep.Summary.Resources, rep.Summary.Documents, want)
	}
	// Per namespace: its Namespace and Gateway, its ingress routes, and
	// one file per service.
	if rep.Summary.Files != namespaces*(2+services) {
		t.Errorf("summary: %d files, want %d", rep.Summary.Files, namespaces*(2+services))
	}
}

func TestPreCommitFileIsClean(t *testing.T) {
	rep, err := lint.Lint(context.Background(), []source.Source{preCommitFile()}, allRules())
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Findings) != 0 || rep.Summary.Documents != 6 {
		t.Errorf("pre-commit file: %d documents, findings:\n%s; want 6 documents and no findings",
			rep.Summary.Documents, strings.Join(findingLines(rep.Report), "\n"))
	}
}

// TestGeneratedMeshMistakes proves the generated mesh is really analysed:
// each planted mistake must give exactly its one finding, in its file.
func TestGeneratedMeshMistakes(t *testing.T) {
	sources := scalemesh.MeshWith(3, 4, scalemesh.All())
	rep, err := lint.Lint(context.Background(), sources, allRules())
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range rep.Findings {
		got = append(got, f.Rule.ID+" "+f.Location.File)
	}
	sort.Strings(got)
	// The uninjected namespace also leaves each of its AuthorizationPolicies
	// without a proxy to enforce it: ML3005 per policy (per version).
	want := []string{
		"ML1101 team-01/zz-ingress.yaml",
		"ML1102 team-00/svc-000.yaml",
		"ML1104 team-02/svc-000.yaml",
		"ML1105 team-02/namespace.yaml",
		"ML2001 team-00/svc-001.yaml",
		"ML3001 team-01/namespace.yaml",
	}
	for s := 0; s < 4; s++ {
		for range 2 {
			want = append(want, fmt.Sprintf("ML3005 team-01/svc-%03d.yaml", s))
		}
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("findings:\n%s\nwant exactly:\n%s\nall findings:\n%s",
			strings.Join(got, "\n"), strings.Join(want, "\n"), strings.Join(findingLines(rep.Report), "\n"))
	}
}

// TestMeshShape checks that the benchmark sizes land near their names.
func TestMeshShape(t *testing.T) {
	for _, n := range []int{1000, 10000, 100000} {
		ns, svc := meshShape(n)
		got := ns * (resourcesPerNamespace + resourcesPerService*svc)
		if got < n*95/100 || got > n*105/100 {
			t.Errorf("meshShape(%d) gives %d resources, not within 5%%", n, got)
		}
	}
}

// TestGenMeshDeterministic guards the benchmarks' comparability: the same
// shape must give the same bytes.
func TestGenMeshDeterministic(t *testing.T) {
	a, b := genMesh(2, 3), genMesh(2, 3)
	if len(a) != len(b) {
		t.Fatalf("%d vs %d sources", len(a), len(b))
	}
	for i := range a {
		if a[i].Path != b[i].Path || string(a[i].Content) != string(b[i].Content) {
			t.Fatalf("source %d differs between runs", i)
		}
	}
}
