package report

import (
	"encoding/json"
	"reflect"
	"regexp"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// gitlabDoc is what GitLab reads from a Code Quality report.
type gitlabDoc []struct {
	Description, Fingerprint, Severity string
	CheckName                          string `json:"check_name"`
	Location                           struct {
		Path      string
		Positions struct{ Begin, End struct{ Line, Column int } }
	}
}

func decodeGitLab(t *testing.T, rep *analyzers.Report) gitlabDoc {
	t.Helper()
	out := render(t, "gitlab", rep)
	var doc gitlabDoc
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatalf("not a JSON array of issues: %v\n%s", err, out)
	}
	return doc
}

// TestGitLabStructure checks the fields GitLab requires, by name, and
// their values for the sample report.
func TestGitLabStructure(t *testing.T) {
	var generic []map[string]any
	if err := json.Unmarshal(render(t, "gitlab", sampleReport()), &generic); err != nil {
		t.Fatal(err)
	}
	if len(generic) != 3 {
		t.Fatalf("got %d issues, want 3 (the suppressed finding left out)", len(generic))
	}
	for _, issue := range generic {
		wantKeys(t, "issue", issue, "description", "check_name", "fingerprint", "severity", "location")
		wantKeys(t, "location", issue["location"], "path", "positions")
	}
	doc := decodeGitLab(t, sampleReport())
	wantSeverities := []string{"critical", "critical", "major"}
	wantPaths := []string{"mesh/broken.yaml", "mesh/reviews.yaml", "mesh/reviews.yaml"}
	for i, issue := range doc {
		if issue.Severity != wantSeverities[i] || issue.Location.Path != wantPaths[i] {
			t.Errorf("issue %d: severity %q path %q, want %q %q", i, issue.Severity, issue.Location.Path, wantSeverities[i], wantPaths[i])
		}
	}
	subset := doc[1]
	if subset.CheckName != "ML1102" || subset.Fingerprint != sampleReport().Findings[1].Fingerprint() ||
		subset.Description != `subset "v3" is not defined in any DestinationRule for host reviews.bookinfo.svc.cluster.local [ML1102 virtualservice-subset-not-found]` {
		t.Errorf("issue 1 = %+v", subset)
	}
	if p := subset.Location.Positions; p.Begin.Line != 12 || p.Begin.Column != 9 || p.End.Line != 12 || p.End.Column != 11 {
		t.Errorf("issue 1 positions = %+v, want 12:9-12:11", p)
	}
	// The syntax error has no end: its range is empty, at its start.
	if p := doc[0].Location.Positions; p.Begin.Line != 4 || p.End.Line != 4 || p.End.Column != 3 {
		t.Errorf("issue 0 positions = %+v, want 4:3-4:3", p)
	}
}

func TestGitLabSeverities(t *testing.T) {
	for s, want := range map[analyzers.Severity]string{
		analyzers.SeverityError: "critical", analyzers.SeverityWarning: "major", analyzers.SeverityInfo: "info", 0: "info",
	} {
		if got := gitlabSeverity(s); got != want {
			t.Errorf("gitlabSeverity(%v) = %q, want %q", s, got, want)
		}
	}
}

// TestGitLabFingerprintsUnique gives three findings the same
// Finding.Fingerprint (the same problem in two copies of a resource and a
// repeated syntax error in another file): GitLab would merge them, so
// each must get its own, the first one keeping the shared one, and line
// shifts must not change them.
func TestGitLabFingerprintsUnique(t *testing.T) {
	dup := func(file string, line int) *analyzers.Finding {
		f := *sampleReport().Findings[1]
		f.Location = loc(file, line, 9, line, 11)
		return &f
	}
	syntax := func(line int) *analyzers.Finding {
		f := *sampleReport().Findings[0]
		f.Location = loc("mesh/broken.yaml", line, 1, 0, 0)
		return &f
	}
	rep := &analyzers.Report{Findings: []*analyzers.Finding{syntax(4), syntax(30), dup("a.yaml", 12), dup("b.yaml", 3)}}
	base := gitlabFingerprints(t, rep)
	seen := map[string]bool{}
	for i, fp := range base {
		if !regexp.MustCompile(`^[0-9a-f]{64}$`).MatchString(fp) || seen[fp] {
			t.Errorf("issue %d: fingerprint %q is malformed or repeated: %q", i, fp, base)
		}
		seen[fp] = true
	}
	if base[0] != rep.Findings[0].Fingerprint() || base[2] != rep.Findings[2].Fingerprint() {
		t.Errorf("first occurrences must keep Finding.Fingerprint: %q", base)
	}
	for _, f := range rep.Findings {
		shift(&f.Location, 7)
	}
	if got := gitlabFingerprints(t, rep); !reflect.DeepEqual(got, base) {
		t.Errorf("fingerprints changed when lines shifted:\n got %q\nwant %q", got, base)
	}
}

func gitlabFingerprints(t *testing.T, rep *analyzers.Report) []string {
	t.Helper()
	var fps []string
	for _, issue := range decodeGitLab(t, rep) {
		fps = append(fps, issue.Fingerprint)
	}
	return fps
}

// TestGitLabPathsAsGiven: GitLab matches location.path against the
// repository's files, so the path is written as the CLI passed it, not
// escaped or resolved like a SARIF URI.
func TestGitLabPathsAsGiven(t *testing.T) {
	for _, file := range []string{"mesh/reviews.yaml", "dir with space/ü.yaml", "a#b?c%d.yaml", "../up.yaml", "/abs/x.yaml", ""} {
		rep := &analyzers.Report{Findings: []*analyzers.Finding{{
			Rule: ruleSubset, Severity: analyzers.SeverityError, Message: "m", Location: graph.Location{File: file},
		}}}
		doc := decodeGitLab(t, rep)
		if len(doc) != 1 || doc[0].Location.Path != file {
			t.Errorf("path %q came out as %+v", file, doc)
			continue
		}
		if p := doc[0].Location.Positions; p.Begin.Line != 1 || p.Begin.Column != 1 {
			t.Errorf("path %q: a finding without a position begins at %+v, want 1:1", file, p.Begin)
		}
	}
}

func TestGitLabEmpty(t *testing.T) {
	rep := sampleReport()
	rep.Findings = rep.Findings[3:] // only the suppressed one
	if got := string(render(t, "gitlab", rep)); got != "[]\n" {
		t.Errorf("report without unsuppressed findings = %q, want an empty array", got)
	}
}
