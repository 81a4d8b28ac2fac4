package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

var update = flag.Bool("update", false, "rewrite testdata/golden.* from the current output")

// The rules are local copies, not the built-in ones, so that editing a
// rule's documentation does not churn these goldens.
var (
	ruleSyntax = &analyzers.Rule{
		ID: "ML0001", Name: "yaml-syntax-error", Severity: analyzers.SeverityError,
		Summary: "a document is not valid YAML",
		Doc:     analyzers.TextDoc("The document is not valid YAML, so `kubectl apply` rejects the whole file.\n\n### Bad\n```yaml\na: [\n```\n"),
	}
	ruleSubset = &analyzers.Rule{
		ID: "ML1102", Name: "virtualservice-subset-not-found", Severity: analyzers.SeverityError,
		Summary: "a VirtualService routes to a subset no DestinationRule defines",
		Doc: analyzers.TextDoc("A destination with `subset: v3` needs a DestinationRule that defines it;\n" +
			"otherwise requests fail with a 503 (see [subsets](https://istio.io/latest/docs/reference/config/networking/destination-rule/)).\n\n" +
			"### Bad\n```yaml\nsubset: v3\n```\n\n### Good\n```yaml\nsubset: v1\n```\n"),
		Istio: []string{"IST0101"},
	}
	ruleDefaultRoute = &analyzers.Rule{
		ID: "ML2001", Name: "virtualservice-no-default-route", Severity: analyzers.SeverityWarning,
		Summary: "an HTTP route list ends without a catch-all route",
		Doc:     analyzers.TextDoc("**Requests** that match no route get a 404.\n"),
	}
	ruleAppLabel = &analyzers.Rule{
		ID: "ML8001", Name: "missing-app-label", Severity: analyzers.SeverityWarning,
		Summary: "a workload has no app label",
		Doc:     analyzers.TextDoc("Istio telemetry groups workloads by their `app` label.\n"),
	}
	// ruleUnused ran but found nothing: SARIF must still describe it.
	ruleUnused = &analyzers.Rule{
		ID: "ML4001", Name: "peerauthentication-conflict", Severity: analyzers.SeverityInfo,
		Summary: "two PeerAuthentications select the same workload",
	}
)

// sampleReport is the one input every format test writes: findings across
// two files (plus a related third), one with related locations (one of
// them in no file, as an implied resource's is), one
// without a resource (and without an end position), one whose message has
// a newline and a tab, one suppressed whose severity is overridden, and a
// file name with a space. Rules arrive unsorted, as a caller may pass them.
func sampleReport() *analyzers.Report {
	vs := &graph.Resource{APIVersion: "networking.istio.io/v1", Group: "networking.istio.io",
		Kind: "VirtualService", Namespace: "bookinfo", Name: "reviews"}
	dep := &graph.Resource{APIVersion: "apps/v1", Group: "apps", Kind: "Deployment", Namespace: "bookinfo", Name: "reviews-v2"}
	return &analyzers.Report{
		Rules: []*analyzers.Rule{ruleSubset, ruleUnused, ruleAppLabel, ruleSyntax, ruleDefaultRoute},
		Findings: []*analyzers.Finding{{
			Rule: ruleSyntax, Severity: analyzers.SeverityError,
			Message:  "did not find expected key",
			Location: loc("mesh/broken.yaml", 4, 3, 0, 0),
		}, {
			Rule: ruleSubset, Severity: analyzers.SeverityError,
			Message:  `subset "v3" is not defined in any DestinationRule for host reviews.bookinfo.svc.cluster.local`,
			Resource: vs, Path: "spec.http[0].route[1].destination.subset",
			Location: loc("mesh/reviews.yaml", 12, 9, 12, 11),
			Related: []graph.RelatedLocation{
				{Location: loc("mesh/reviews dr.yaml", 3, 1, 9, 1), Message: "DestinationRule reviews defines v1, v2"},
				{Location: loc("mesh/reviews dr.yaml", 14, 1, 18, 1), Message: "DestinationRule reviews-canary defines v4"},
				{Message: "implied: Service bookinfo/reviews-istio, created by Istio for Gateway bookinfo/reviews (gatewayClassName istio)"},
			},
		}, {
			Rule: ruleDefaultRoute, Severity: analyzers.SeverityWarning,
			Message:  "http[1] has match conditions and no later route without them\n\trequests that match none get a 404",
			Resource: vs, Path: "spec.http[1]",
			Location: loc("mesh/reviews.yaml", 20, 5, 27, 1),
		}, {
			Rule: ruleAppLabel, Severity: analyzers.SeverityInfo, Suppressed: true,
			Message:  `Deployment "reviews-v2" has no app label`,
			Resource: dep, Path: "spec.template.metadata.labels",
			Location: loc("mesh/reviews.yaml", 40, 7, 41, 20),
		}},
		Summary: analyzers.Summary{Files: 3, Documents: 5, Resources: 4, Errors: 2, Warnings: 1, Suppressed: 1},
	}
}

func loc(file string, line, col, endLine, endCol int) graph.Location {
	return graph.Location{File: file, Range: graph.Range{
		Start: graph.Position{Line: line, Column: col},
		End:   graph.Position{Line: endLine, Column: endCol},
	}}
}

// render writes rep in format with the options the goldens use.
func render(t *testing.T, format string, rep *analyzers.Report) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, format, rep, Options{ToolVersion: "0.1.0"}); err != nil {
		t.Fatalf("Write(%s): %v", format, err)
	}
	return buf.Bytes()
}

func TestGolden(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			got := render(t, format, sampleReport())
			path := filepath.Join("testdata", "golden."+format)
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./report -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s output differs from %s (run go test ./report -update after checking the change)\ngot:\n%s", format, path, got)
			}
		})
	}
}

func TestFormats(t *testing.T) {
	if got, want := Formats(), []string{"text", "json", "sarif", "github", "gitlab", "checkstyle", "junit", "markdown"}; !reflect.DeepEqual(got, want) {
		t.Errorf("Formats() = %q, want %q", got, want)
	}
}

func TestWriteUnknownFormat(t *testing.T) {
	for _, format := range []string{"", "xml", "TEXT", "sarif ", "GitHub", "codequality"} {
		var buf bytes.Buffer
		err := Write(&buf, format, sampleReport(), Options{})
		want := `unknown format "` + format + `" (want text, json, sarif, github, gitlab, checkstyle, junit or markdown)`
		if err == nil || err.Error() != want {
			t.Errorf("Write(%q) error = %v, want %s", format, err, want)
		}
		if buf.Len() != 0 {
			t.Errorf("Write(%q) wrote %q before failing", format, buf.String())
		}
	}
}

// TestWriteReadOnly checks that writers neither reorder nor edit the
// report: the CLI writes the same report twice (stdout and --output).
func TestWriteReadOnly(t *testing.T) {
	for _, format := range Formats() {
		t.Run(format, func(t *testing.T) {
			rep := sampleReport()
			first := render(t, format, rep)
			if !reflect.DeepEqual(rep, sampleReport()) {
				t.Fatalf("Write(%s) modified the report", format)
			}
			if second := render(t, format, rep); !bytes.Equal(first, second) {
				t.Errorf("Write(%s) is not deterministic", format)
			}
		})
	}
}

// TestWriteEmpty checks that a clean run is still a well-formed document
// in every format, and that a nil report counts as empty.
func TestWriteEmpty(t *testing.T) {
	tests := []struct {
		format string
		want   string // a substring the output must contain; "" for empty output
	}{
		{"text", ""},
		{"json", `"findings": [],`},
		{"sarif", `"results": []`},
		{"github", ""},
		{"gitlab", "[]\n"},
		{"checkstyle", `<checkstyle version="5.0">` + "\n</checkstyle>\n"},
		{"junit", `<testsuite name="meshlint" tests="1" failures="0" errors="0" skipped="0" time="0">`},
		{"markdown", "**meshlint 0.1.0**: no findings.\n"},
	}
	for _, tt := range tests {
		for _, rep := range []*analyzers.Report{nil, {}} {
			got := string(render(t, tt.format, rep))
			if tt.want == "" && got != "" || !strings.Contains(got, tt.want) {
				t.Errorf("%s of empty report = %q, want it to contain %q", tt.format, got, tt.want)
			}
		}
	}
}
