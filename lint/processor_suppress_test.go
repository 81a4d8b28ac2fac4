package lint

import (
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph/source"
)

func TestParseComment(t *testing.T) {
	tests := []struct {
		text, keys, reason string
		ok                 bool
	}{
		{"meshlint:ignore ML1102 the host is elsewhere", "ML1102", "the host is elsewhere", true},
		{"meshlint:ignore ML1102,ML2001 -- why", "ML1102 ML2001", "why", true},
		{"meshlint:ignore ML1102, ML2001: why", "ML1102 ML2001", "why", true},
		{"meshlint:ignore ML1102 , virtualservice-host-not-found why", "ML1102 virtualservice-host-not-found", "why", true},
		{"meshlint:ignore IST0101", "IST0101", "", true},
		{"meshlint:ignore", "", "", true},
		{"meshlint:ignored ML1102 why", "", "", false},
		{"see meshlint:ignore ML1102", "", "", false},
		{"initiates HTTPS # meshlint:ignore ML4002 the CA is the system's", "ML4002", "the CA is the system's", true},
		{"meshlint:ignore ML1102 see issue #12", "ML1102", "see issue #12", true},
	}
	for _, tt := range tests {
		keys, reason, ok := parseComment(tt.text)
		if ok != tt.ok || strings.Join(keys, " ") != tt.keys || reason != tt.reason {
			t.Errorf("parseComment(%q) = %q, %q, %v; want %q, %q, %v", tt.text, keys, reason, ok, tt.keys, tt.reason, tt.ok)
		}
	}
}

// suppressFixture has one finding of ML1103 (line 10), silenced by a
// comment, one of ML1102 (line 12) silenced by the annotation, and one
// ML1103 (line 14) that nothing silences.
const suppressFixture = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: ratings
  annotations:
    meshlint.io/ignore: "ML1102: the subsets come from the platform chart"
spec:
  hosts: [ratings]
  http:
  - route:
    - destination:
        host: ratings.other.svc.cluster.local # meshlint:ignore ML1103 defined in the platform repository
        subset: v9
      weight: 50
    - destination:
        host: reviews.other.svc.cluster.local
      weight: 50
`

func lintSuppressFixture(t *testing.T, opts Options) *Result {
	t.Helper()
	res, err := Lint(context.Background(), []source.Source{{Path: "vs.yaml", Content: []byte(suppressFixture)}}, opts)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// summarize lists the findings as "ID@line" with a * for suppressed ones.
func summarize(fs []*analyzers.Finding) string {
	var out []string
	for _, f := range fs {
		s := f.Rule.ID + "@" + strconv.Itoa(f.Location.Start.Line)
		if f.Suppressed {
			s += "*"
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func TestSuppressInteractions(t *testing.T) {
	base := DefaultOptions()
	off := DefaultOptions()
	off.NoInlineSuppressions = true
	sev := DefaultOptions()
	sev.Severity = map[string]analyzers.Severity{"ML1103": analyzers.SeverityInfo}
	only := DefaultOptions()
	only.Only = []string{"other.yaml"}
	tests := []struct {
		name string
		opts Options
		want string
	}{
		{"in place", base, "ML1103@12* ML1102@13* ML1103@16"},
		{"turned off", off, "ML1103@12 ML1102@13 ML1103@16"},
		{"severity overrides apply to suppressed findings too", sev, "ML1103@12* ML1102@13* ML1103@16"},
		{"--only drops them with the rest", only, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := lintSuppressFixture(t, tt.opts)
			if got := summarize(res.Findings); got != tt.want {
				t.Errorf("findings %s; want %s", got, tt.want)
			}
		})
	}
	res := lintSuppressFixture(t, sev)
	for _, f := range res.Findings {
		if f.Rule.ID == "ML1103" && f.Severity != analyzers.SeverityInfo {
			t.Errorf("ML1103@%d has severity %s; the override says info", f.Location.Start.Line, f.Severity)
		}
	}
	if res.Summary.Suppressed != 2 || res.Summary.Infos != 1 {
		t.Errorf("summary %+v; want 2 suppressed, 1 info", res.Summary)
	}
}

func TestSuppressReasonsKept(t *testing.T) {
	res := lintSuppressFixture(t, DefaultOptions())
	var reasons []string
	for _, f := range res.Findings {
		if f.InSource {
			reasons = append(reasons, f.Reason)
		}
	}
	want := []string{"defined in the platform repository", "the subsets come from the platform chart"}
	if !slices.Equal(reasons, want) {
		t.Errorf("reasons %q; want %q", reasons, want)
	}
}

// A baseline leaves alone what the files suppress: a new one does not
// record it, and an old entry for it is stale.
func TestSuppressAndBaseline(t *testing.T) {
	rec := DefaultOptions()
	rec.WriteBaseline = true
	res := lintSuppressFixture(t, rec)
	if got := summarize(res.NewBaseline); got != "ML1103@16*" {
		t.Errorf("new baseline records %s; want only the unsuppressed ML1103@16", got)
	}
	off := DefaultOptions()
	off.NoInlineSuppressions = true
	off.WriteBaseline = true
	all := lintSuppressFixture(t, off).NewBaseline
	data, err := MarshalBaseline(all)
	if err != nil {
		t.Fatal(err)
	}
	b, err := ParseBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	use := DefaultOptions()
	use.Baseline = b
	res = lintSuppressFixture(t, use)
	for _, f := range res.Findings {
		if !f.Suppressed {
			t.Errorf("%s@%d not suppressed", f.Rule.ID, f.Location.Start.Line)
		}
		if f.InSource != (f.Location.Start.Line != 16) {
			t.Errorf("%s@%d: InSource %v", f.Rule.ID, f.Location.Start.Line, f.InSource)
		}
	}
	if res.StaleBaseline != 2 {
		t.Errorf("stale baseline entries %d; want the 2 the files now suppress", res.StaleBaseline)
	}
}

// Unused and invalid suppressions are reported only when their rules run.
func TestSuppressFindingsNeedTheirRules(t *testing.T) {
	src := []source.Source{{Path: "svc.yaml", Content: []byte(`apiVersion: v1
kind: Service
metadata:
  name: ratings # meshlint:ignore ML1103
spec:
  ports:
  - {name: http, port: 80}
`)}}
	for _, tt := range []struct {
		enable []string
		want   string
	}{
		{nil, "ML0009@4 ML0010@4"},
		{[]string{"ML0010"}, "ML0010@4"},           // ML1103 did not run: not unused
		{[]string{"ML1103", "ML0009"}, "ML0009@4"}, // ML0010 did not run
		{[]string{"ML1103"}, ""},
	} {
		opts := DefaultOptions()
		opts.Enable = tt.enable
		res, err := Lint(context.Background(), src, opts)
		if err != nil {
			t.Fatal(err)
		}
		if got := summarize(res.Findings); got != tt.want {
			t.Errorf("--enable %v: findings %s; want %s", tt.enable, got, tt.want)
		}
	}
}

// An annotation of 200,000 keys is read in about linear time, and its
// findings name a few of them.
func TestSuppressHugeAnnotation(t *testing.T) {
	var b strings.Builder
	for i := range 100000 {
		fmt.Fprintf(&b, "ML1103,nope%d,", i) // distinct unknown keys
	}
	keys := b.String()
	src := "apiVersion: v1\nkind: Service\nmetadata:\n  name: a\n  annotations:\n    meshlint.io/ignore: \"" + keys + ": why\"\nspec:\n  ports: [{name: http, port: 80}]\n"
	start := time.Now()
	res, err := Lint(context.Background(), []source.Source{{Path: "big.yaml", Content: []byte(src)}}, DefaultOptions())
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("%v for 200,000 keys", d)
	}
	for _, f := range res.Findings {
		if len(f.Message) > 500 {
			t.Errorf("%s message of %d bytes", f.Rule.ID, len(f.Message))
		}
	}
}

// --new-from-rev: a suppression the change removes brings its finding
// back as new; one it adds silences an old finding.
func TestSuppressAndNewFrom(t *testing.T) {
	plain := strings.Replace(suppressFixture, " # meshlint:ignore ML1103 defined in the platform repository", "", 1)
	lintText := func(text string, newFrom *Baseline) *Result {
		t.Helper()
		opts := DefaultOptions()
		opts.NewFrom = newFrom
		res, err := Lint(context.Background(), []source.Source{{Path: "vs.yaml", Content: []byte(text)}}, opts)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	removed := lintText(plain, BaselineOf(lintText(suppressFixture, nil).Findings))
	if got := summarize(removed.Findings); got != "ML1103@12 ML1102@13*" {
		t.Errorf("suppression removed: findings %s; want ML1103@12 new", got)
	}
	added := lintText(suppressFixture, BaselineOf(lintText(plain, nil).Findings))
	if got := summarize(added.Findings); got != "ML1103@12* ML1102@13*" {
		t.Errorf("suppression added: findings %s; want ML1103@12 suppressed", got)
	}
}
