package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// sarifSchemaID is the schema's own id; registering the local copy under it
// keeps compilation offline.
const sarifSchemaID = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

func compileSARIFSchema(t testing.TB) *jsonschema.Schema {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "sarif-schema-2.1.0.json"))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.Draft = jsonschema.Draft4 // also declared by the schema's $schema
	if err := c.AddResource(sarifSchemaID, bytes.NewReader(raw)); err != nil {
		t.Fatal(err)
	}
	schema, err := c.Compile(sarifSchemaID)
	if err != nil {
		t.Fatal(err)
	}
	return schema
}

// TestSARIFSchema validates the golden file and a clean run's log against
// the official SARIF 2.1.0 schema (formats such as uri and uri-reference
// are asserted: the schema is draft-04).
func TestSARIFSchema(t *testing.T) {
	schema := compileSARIFSchema(t)
	golden, err := os.ReadFile(filepath.Join("testdata", "golden.sarif"))
	if err != nil {
		t.Fatal(err)
	}
	for name, out := range map[string][]byte{
		"golden.sarif": golden,
		"empty report": render(t, "sarif", &analyzers.Report{}),
	} {
		var doc any
		if err := json.Unmarshal(out, &doc); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := schema.Validate(doc); err != nil {
			t.Errorf("%s does not validate: %#v", name, err)
		}
	}
	// The schema must be able to fail, or the checks above prove nothing.
	bad := strings.Replace(string(golden), `"level": "note"`, `"level": "info"`, 1)
	var doc any
	if err := json.Unmarshal([]byte(bad), &doc); err != nil {
		t.Fatal(err)
	}
	if schema.Validate(doc) == nil {
		t.Error(`the schema accepted level "info"`)
	}
}

// sarifDoc is the part of a SARIF log GitHub code scanning relies on.
type sarifDoc struct {
	Runs []struct {
		Tool struct {
			Driver struct {
				Name, Version string
				Rules         []struct {
					ID, Name             string
					ShortDescription     struct{ Text string }
					FullDescription      struct{ Text string }
					Help                 struct{ Text, Markdown string }
					DefaultConfiguration struct{ Level string }
				}
			}
		}
		Results []sarifDocResult
	}
}

type sarifDocResult struct {
	RuleID    string
	RuleIndex int
	Level     string
	Message   struct{ Text string }
	Locations []struct {
		PhysicalLocation struct {
			ArtifactLocation struct{ URI, URIBaseID string }
			Region           struct{ StartLine, StartColumn, EndLine, EndColumn int }
		}
	}
	PartialFingerprints map[string]string
	Suppressions        []struct{ Kind string }
}

func decodeSARIF(t *testing.T, rep *analyzers.Report) sarifDoc {
	t.Helper()
	var doc sarifDoc
	if err := json.Unmarshal(render(t, "sarif", rep), &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(doc.Runs))
	}
	return doc
}

// TestSARIFCodeScanning checks what GitHub code scanning needs beyond the
// schema, which makes most of these fields optional.
func TestSARIFCodeScanning(t *testing.T) {
	run := decodeSARIF(t, sampleReport()).Runs[0]
	rules := run.Tool.Driver.Rules
	var ids []string
	for _, r := range rules {
		ids = append(ids, r.ID)
		if r.ID == "" || r.Name == "" || r.ShortDescription.Text == "" || r.FullDescription.Text == "" ||
			r.Help.Text == "" || r.Help.Markdown == "" || r.DefaultConfiguration.Level == "" {
			t.Errorf("rule %s lacks a field code scanning needs: %+v", r.ID, r)
		}
	}
	if want := []string{"ML0001", "ML1102", "ML2001", "ML4001", "ML8001"}; !reflect.DeepEqual(ids, want) {
		t.Errorf("rules = %q, want every rule that ran, sorted: %q", ids, want)
	}
	if len(run.Results) != 4 {
		t.Fatalf("got %d results, want 4", len(run.Results))
	}
	for i, res := range run.Results {
		checkSARIFResult(t, i, res)
		if res.RuleIndex >= len(rules) || rules[res.RuleIndex].ID != res.RuleID {
			t.Errorf("result %d: ruleIndex %d does not point at %s", i, res.RuleIndex, res.RuleID)
		}
	}
}

func checkSARIFResult(t *testing.T, i int, res sarifDocResult) {
	t.Helper()
	if res.RuleID == "" || res.Message.Text == "" || res.PartialFingerprints[fingerprintKey] == "" {
		t.Errorf("result %d lacks ruleId, message or fingerprint: %+v", i, res)
	}
	if len(res.Locations) != 1 {
		t.Errorf("result %d has %d locations, want 1", i, len(res.Locations))
		return
	}
	pl := res.Locations[0].PhysicalLocation
	uri := pl.ArtifactLocation.URI
	if strings.Contains(uri, ":") || strings.HasPrefix(uri, "/") || pl.ArtifactLocation.URIBaseID == "" {
		t.Errorf("result %d: uri %q (base %q), want a relative URI with a uriBaseId", i, uri, pl.ArtifactLocation.URIBaseID)
	}
	r := pl.Region
	if r.StartLine < 1 || r.StartColumn < 1 || r.EndLine < 1 || r.EndColumn < 1 {
		t.Errorf("result %d: region %+v, want every field >= 1", i, r)
	}
}

// TestSARIFFingerprints checks that alerts survive unrelated edits (lines
// shifting) and that a different problem is a different alert.
func TestSARIFFingerprints(t *testing.T) {
	base := fingerprints(t, sampleReport())
	shifted := sampleReport()
	for _, f := range shifted.Findings {
		shift(&f.Location, 5)
		for i := range f.Related {
			shift(&f.Related[i].Location, 5)
		}
	}
	if got := fingerprints(t, shifted); !reflect.DeepEqual(got, base) {
		t.Errorf("fingerprints changed when lines shifted:\n got %q\nwant %q", got, base)
	}
	// A hint in the message changes with other files: the fingerprint of a
	// finding on a resource must not follow it, but must follow its key.
	edited, rekeyed := sampleReport(), sampleReport()
	for _, f := range edited.Findings {
		f.Message += "; did you mean edge/public?"
	}
	for _, f := range rekeyed.Findings {
		f.WithKey("another mistake")
	}
	editedFPs, rekeyedFPs := fingerprints(t, edited), fingerprints(t, rekeyed)
	for i, f := range sampleReport().Findings {
		if f.Resource != nil && editedFPs[i] != base[i] {
			t.Errorf("result %d: fingerprint changed with the message's hint", i)
		}
		if f.Resource != nil && rekeyedFPs[i] == base[i] {
			t.Errorf("result %d: fingerprint unchanged after the key changed", i)
		}
	}
	seen := map[string]bool{}
	for _, fp := range base {
		if seen[fp] {
			t.Errorf("two findings share fingerprint %s", fp)
		}
		seen[fp] = true
	}
}

func fingerprints(t *testing.T, rep *analyzers.Report) []string {
	t.Helper()
	var fps []string
	for _, res := range decodeSARIF(t, rep).Runs[0].Results {
		fps = append(fps, res.PartialFingerprints[fingerprintKey])
	}
	return fps
}

func shift(l *graph.Location, n int) {
	l.Start.Line += n
	if l.End.Line > 0 {
		l.End.Line += n
	}
}

func TestSARIFLevelsAndSuppressions(t *testing.T) {
	results := decodeSARIF(t, sampleReport()).Runs[0].Results
	wantLevels := []string{"error", "error", "warning", "note"}
	for i, res := range results {
		if res.Level != wantLevels[i] {
			t.Errorf("result %d: level %q, want %q", i, res.Level, wantLevels[i])
		}
		suppressed := len(res.Suppressions) == 1 && res.Suppressions[0].Kind == "external"
		if suppressed != (i == 3) || (i != 3 && res.Suppressions != nil) {
			t.Errorf("result %d: suppressions %+v", i, res.Suppressions)
		}
	}
}

func TestSARIFArtifact(t *testing.T) {
	tests := []struct{ file, uri, base string }{
		{"mesh/reviews.yaml", "mesh/reviews.yaml", srcRoot},
		{"mesh/reviews dr.yaml", "mesh/reviews%20dr.yaml", srcRoot},
		{"a#b?c%d.yaml", "a%23b%3Fc%25d.yaml", srcRoot},
		{"c:x.yaml", "c%3Ax.yaml", srcRoot},
		{"../other/ü.yaml", "../other/%C3%BC.yaml", srcRoot},
		{"/abs/path/x.yaml", "file:///abs/path/x.yaml", ""},
	}
	for _, tt := range tests {
		got := sarifArtifact(tt.file)
		if got.URI != tt.uri || got.URIBaseID != tt.base {
			t.Errorf("sarifArtifact(%q) = %+v, want {%s %s}", tt.file, got, tt.uri, tt.base)
		}
	}
}

func TestSARIFRegion(t *testing.T) {
	tests := []struct {
		name string
		in   graph.Range
		want sarifRegion
	}{
		{"ordinary", loc("", 12, 9, 12, 11).Range, sarifRegion{12, 9, 12, 11}},
		{"multi-line", loc("", 20, 5, 27, 1).Range, sarifRegion{20, 5, 27, 1}},
		{"no end", loc("", 4, 3, 0, 0).Range, sarifRegion{4, 3, 4, 3}},
		{"end before start on the line", loc("", 4, 3, 4, 1).Range, sarifRegion{4, 3, 4, 3}},
		{"no position at all", graph.Range{}, sarifRegion{1, 1, 1, 1}},
	}
	for _, tt := range tests {
		if got := sarifRegionOf(tt.in); got != tt.want {
			t.Errorf("%s: sarifRegionOf(%+v) = %+v, want %+v", tt.name, tt.in, got, tt.want)
		}
	}
}

func TestPlainParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{ruleSubset.DocText(), "A destination with subset: v3 needs a DestinationRule that defines it; otherwise requests fail with a 503 (see subsets)."},
		{"# Title\n\n**Bold** and __strong__ text.\n\nSecond.", "Bold and strong text."},
		{"```yaml\na: b\n```\n\nAfter the code.", "After the code."},
		{"", ""},
	}
	for _, tt := range tests {
		if got := plainParagraph(tt.in); got != tt.want {
			t.Errorf("plainParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestSARIFRuleNotListed covers a finding whose rule is missing from
// Report.Rules: its ruleIndex must still point at a described rule.
func TestSARIFRuleNotListed(t *testing.T) {
	rep := sampleReport()
	rep.Rules = nil
	run := decodeSARIF(t, rep).Runs[0]
	if n := len(run.Tool.Driver.Rules); n != 4 {
		t.Fatalf("got %d rules, want the 4 that have findings", n)
	}
	for i, res := range run.Results {
		if got := run.Tool.Driver.Rules[res.RuleIndex].ID; got != res.RuleID {
			t.Errorf("result %d: ruleIndex points at %s, want %s", i, got, res.RuleID)
		}
	}
}

// A suppression written in the manifest is SARIF's "inSource", with the
// reason as its justification; the log stays valid.
func TestSARIFInSourceSuppression(t *testing.T) {
	rep := sampleReport()
	f := rep.Findings[2]
	f.Suppressed, f.InSource, f.Reason = true, true, "the route is matched upstream"
	out := render(t, "sarif", rep)
	var doc any
	if err := json.Unmarshal(out, &doc); err != nil {
		t.Fatal(err)
	}
	if err := compileSARIFSchema(t).Validate(doc); err != nil {
		t.Errorf("does not validate: %#v", err)
	}
	var log struct {
		Runs []struct {
			Results []struct {
				Suppressions []struct{ Kind, Justification string }
			}
		}
	}
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	got := log.Runs[0].Results[2].Suppressions
	if len(got) != 1 || got[0].Kind != "inSource" || got[0].Justification != f.Reason {
		t.Errorf("suppressions %+v; want inSource with the reason", got)
	}
	if ext := log.Runs[0].Results[3].Suppressions; len(ext) != 1 || ext[0].Kind != "external" || ext[0].Justification != "" {
		t.Errorf("the baseline's suppression %+v; want external without justification", ext)
	}
}
