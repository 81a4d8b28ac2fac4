package lint

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

func TestChainOrder(t *testing.T) {
	procs, err := chain(Options{})
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, p := range procs {
		names = append(names, p.Name())
	}
	want := []string{"selection", "rules", "dedupe", "severity", "relativize", "baseline", "new-from", "only", "sort"}
	if !slices.Equal(names, want) {
		t.Errorf("chain %v; want %v", names, want)
	}
}

func TestSelection(t *testing.T) {
	ruleA := &analyzers.Rule{ID: "ML1001", Name: "a-rule", Istio: []string{"IST0101"}}
	ruleB := &analyzers.Rule{ID: "ML1002", Name: "b-rule", Istio: []string{"IST0101"}}
	optIn := &analyzers.Rule{ID: "ML8009", Name: "opt-in", NonDefault: true}
	rules := []*analyzers.Rule{ruleA, ruleB, optIn, schema.KindWithoutSchema}
	tests := []struct {
		name    string
		opts    Options
		want    string // rule IDs, space-separated
		wantErr string
	}{
		{"defaults leave out NonDefault rules", Options{}, "ML1001 ML1002", ""},
		{"AllRules", Options{AllRules: true}, "ML1001 ML1002 ML8009 ML0105", ""},
		{"enable by name", Options{Enable: []string{"opt-in"}}, "ML8009", ""},
		{"enable by istioctl code", Options{Enable: []string{"ist0101"}}, "ML1001 ML1002", ""},
		{"disable wins", Options{Enable: []string{"IST0101"}, Disable: []string{"ML1002"}}, "ML1001", ""},
		{"strict kinds", Options{StrictKinds: true}, "ML1001 ML1002 ML0105", ""},
		{"disable wins over strict kinds", Options{StrictKinds: true, Disable: []string{"kind-without-schema"}}, "ML1001 ML1002", ""},
		{"unknown enable", Options{Enable: []string{"nope"}}, "", `enable: no rule "nope"`},
		{"unknown disable", Options{Disable: []string{"ML9999"}}, "", `disable: no rule "ML9999"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			tt.opts.Rules = rules
			sel, err := newSelection(tt.opts)
			var unknown *UnknownRuleError
			if tt.wantErr != "" {
				if !errors.As(err, &unknown) || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error %v; want an UnknownRuleError saying %q", err, tt.wantErr)
				}
				return
			}
			run := &Run{}
			if err != nil || sel.Process(context.Background(), run) != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range run.Rules {
				got = append(got, r.ID)
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("chose %v; want %s", got, tt.want)
			}
		})
	}
}

var testRule = &analyzers.Rule{ID: "ML1001"}

// finding is a finding of testRule at file:line, related to the files in
// related.
func finding(file string, line int, related ...string) *analyzers.Finding {
	f := &analyzers.Finding{Rule: testRule, Message: "m", Severity: analyzers.SeverityError,
		Location: graph.Location{File: file, Range: graph.Range{Start: graph.Position{Line: line, Column: 1}}}}
	for _, r := range related {
		f.Related = append(f.Related, graph.RelatedLocation{Location: graph.Location{File: r}})
	}
	return f
}

// TestFindingProcessors runs one processor over findings and compares
// the findings left as "file:line" strings.
func TestFindingProcessors(t *testing.T) {
	tests := []struct {
		name     string
		proc     Processor
		findings []*analyzers.Finding
		want     string
	}{
		{"relativize below the directory only", relativize{dir: "/w"},
			[]*analyzers.Finding{finding("/w/deploy/a.yaml", 1, "/w/b.yaml"), finding("/x/b.yaml", 2), finding("c.yaml", 3)},
			"deploy/a.yaml:1 /x/b.yaml:2 c.yaml:3"},
		{"relativize without a directory", relativize{}, []*analyzers.Finding{finding("/w/a.yaml", 1)}, "/w/a.yaml:1"},
		{"only: in the files or pointing at them", newOnly([]string{"a.yaml", "/w/b.yaml"}, "/w"),
			[]*analyzers.Finding{finding("a.yaml", 1), finding("/w/b.yaml", 2), finding("c.yaml", 3), finding("d.yaml", 4, "b.yaml"), finding("/x/a.yaml", 5)},
			"a.yaml:1 /w/b.yaml:2 d.yaml:4"},
		// An implied resource's related location has no file: it is in
		// none of them, not in the working directory.
		{"only: a related location without a file", newOnly([]string{"/w", "a.yaml"}, "/w"),
			[]*analyzers.Finding{finding("a.yaml", 1, ""), finding("c.yaml", 3, "")}, "a.yaml:1"},
		{"only nothing keeps all", newOnly(nil, "/w"), []*analyzers.Finding{finding("a.yaml", 1), finding("c.yaml", 3)}, "a.yaml:1 c.yaml:3"},
		{"dedupe", dedupe{}, []*analyzers.Finding{finding("a.yaml", 1), finding("b.yaml", 1), finding("a.yaml", 1), finding("a.yaml", 2)}, "a.yaml:1 b.yaml:1 a.yaml:2"},
		{"sort", sortFindings{}, []*analyzers.Finding{finding("b.yaml", 1), finding("a.yaml", 10), finding("a.yaml", 9)}, "a.yaml:9 a.yaml:10 b.yaml:1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := &Run{Findings: tt.findings}
			if err := tt.proc.Process(context.Background(), run); err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range run.Findings {
				got = append(got, fmt.Sprintf("%s:%d", f.Location.File, f.Location.Start.Line))
			}
			if strings.Join(got, " ") != tt.want {
				t.Errorf("%s left %v; want %s", tt.proc.Name(), got, tt.want)
			}
		})
	}
}

// TestSeverityProcessor: a configured severity applies to every finding of
// its rule, also to one the rule reported below its default; without one,
// a finding keeps the severity the rule gave it.
func TestSeverityProcessor(t *testing.T) {
	lowered := func() *analyzers.Finding { return finding("a.yaml", 1).WithSeverity(analyzers.SeverityInfo) }
	tests := []struct {
		name      string
		overrides map[string]analyzers.Severity
		f         *analyzers.Finding
		want      analyzers.Severity
	}{
		{"override", map[string]analyzers.Severity{"ML1001": analyzers.SeverityInfo}, finding("a.yaml", 1), analyzers.SeverityInfo},
		{"override of a lowered finding", map[string]analyzers.Severity{"ML1001": analyzers.SeverityWarning}, lowered(), analyzers.SeverityWarning},
		{"lowered finding, another rule overridden", map[string]analyzers.Severity{"ML1002": analyzers.SeverityError}, lowered(), analyzers.SeverityInfo},
	}
	for _, tt := range tests {
		run := &Run{Findings: []*analyzers.Finding{tt.f}}
		if err := (severity{overrides: tt.overrides}).Process(context.Background(), run); err != nil || run.Findings[0].Severity != tt.want {
			t.Errorf("%s: severity %v (%v); want %v", tt.name, run.Findings[0].Severity, err, tt.want)
		}
	}
}

func TestBaselineProcessor(t *testing.T) {
	known := finding("a.yaml", 1)
	data, err := MarshalBaseline([]*analyzers.Finding{known, finding("gone.yaml", 1)})
	if err != nil {
		t.Fatal(err)
	}
	base, err := ParseBaseline(data)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name                string
		proc                baseline
		wantSuppressed      string // per finding
		wantStale, wantNewN int
	}{
		{"no baseline", baseline{}, "false false", 0, 0},
		{"apply", baseline{known: base}, "true false", 1, 0},
		{"record", baseline{record: true}, "true true", 0, 2},
		{"apply and record", baseline{known: base, record: true}, "true true", 0, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			run := &Run{Findings: []*analyzers.Finding{finding("a.yaml", 7), finding("new.yaml", 1)}}
			if err := tt.proc.Process(context.Background(), run); err != nil {
				t.Fatal(err)
			}
			got := fmt.Sprint(run.Findings[0].Suppressed, run.Findings[1].Suppressed)
			if got != tt.wantSuppressed || run.StaleBaseline != tt.wantStale || len(run.NewBaseline) != tt.wantNewN {
				t.Errorf("suppressed %s, stale %d, %d recorded; want %s, %d, %d", got, run.StaleBaseline, len(run.NewBaseline), tt.wantSuppressed, tt.wantStale, tt.wantNewN)
			}
		})
	}
}
