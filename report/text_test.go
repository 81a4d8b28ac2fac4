package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

func TestTextLines(t *testing.T) {
	got := string(render(t, "text", sampleReport()))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	want := []string{
		"mesh/broken.yaml:4:3: error: did not find expected key [ML0001 yaml-syntax-error]",
		`mesh/reviews.yaml:12:9: error: subset "v3" is not defined in any DestinationRule for host reviews.bookinfo.svc.cluster.local [ML1102 virtualservice-subset-not-found]`,
		"mesh/reviews.yaml:20:5: warning: http[1] has match conditions and no later route without them requests that match none get a 404 [ML2001 virtualservice-no-default-route]",
	}
	if len(lines) != len(want) {
		t.Fatalf("got %d lines, want %d (one per unsuppressed finding):\n%s", len(lines), len(want), got)
	}
	for i := range want {
		if lines[i] != want[i] {
			t.Errorf("line %d:\n got %s\nwant %s", i+1, lines[i], want[i])
		}
	}
}

func TestTextColor(t *testing.T) {
	tests := []struct {
		severity analyzers.Severity
		color    bool
		want     string
	}{
		{analyzers.SeverityError, false, ": error: "},
		{analyzers.SeverityError, true, ": \x1b[31merror\x1b[0m: "},
		{analyzers.SeverityWarning, true, ": \x1b[33mwarning\x1b[0m: "},
		{analyzers.SeverityInfo, true, ": \x1b[36minfo\x1b[0m: "},
		{analyzers.SeverityInfo, false, ": info: "},
	}
	for _, tt := range tests {
		rep := &analyzers.Report{Findings: []*analyzers.Finding{{
			Rule: ruleSubset, Severity: tt.severity, Message: "m", Location: loc("a.yaml", 1, 2, 1, 3),
		}}}
		var buf bytes.Buffer
		if err := Write(&buf, "text", rep, Options{Color: tt.color}); err != nil {
			t.Fatal(err)
		}
		got := buf.String()
		if !strings.Contains(got, tt.want) {
			t.Errorf("%v color=%v: got %q, want it to contain %q", tt.severity, tt.color, got, tt.want)
		}
		// Only the severity word is coloured: the rest stays parseable.
		if strings.Count(got, "\x1b[") > 2 || !strings.HasPrefix(got, "a.yaml:1:2: ") {
			t.Errorf("%v color=%v: colour outside the severity word: %q", tt.severity, tt.color, got)
		}
	}
}

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain message", "plain message"},
		{"two\nlines", "two lines"},
		{"crlf\r\nline", "crlf line"},
		{"tab\there", "tab here"},
		{"trailing newline\n", "trailing newline"},
		{"escape\x1b[31mred", "escape [31mred"},
		{"line\u2028separator", "line separator"},
		{"nel\u0085char", "nel char"},
		{"naïve ünïcode", "naïve ünïcode"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := oneLine(tt.in); got != tt.want {
			t.Errorf("oneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
