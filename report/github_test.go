package report

import (
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

func TestGitHubLines(t *testing.T) {
	got := string(render(t, "github", sampleReport()))
	lines := strings.Split(strings.TrimSuffix(got, "\n"), "\n")
	want := []string{
		"::error file=mesh/broken.yaml,line=4,col=3,title=ML0001 yaml-syntax-error::did not find expected key",
		`::error file=mesh/reviews.yaml,line=12,col=9,endLine=12,endColumn=11,title=ML1102 virtualservice-subset-not-found::subset "v3" is not defined in any DestinationRule for host reviews.bookinfo.svc.cluster.local`,
		"::warning file=mesh/reviews.yaml,line=20,endLine=27,title=ML2001 virtualservice-no-default-route::http[1] has match conditions and no later route without them%0A\trequests that match none get a 404",
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

// TestGitHubEscaping checks the escapes byte for byte and reads each line
// back the way the runner does: file, title and message must survive.
func TestGitHubEscaping(t *testing.T) {
	tests := []struct{ file, msg, want string }{
		{"a.yaml", "plain", "::error file=a.yaml,line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::plain"},
		{"a.yaml", "two\nlines\r\nand 100%", "::error file=a.yaml,line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::two%0Alines%0D%0Aand 100%25"},
		{"a.yaml", "colons:: and, commas stay", "::error file=a.yaml,line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::colons:: and, commas stay"},
		{"c:/x,y=z%0A.yaml", "m", "::error file=c%3A/x%2Cy=z%250A.yaml,line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::m"},
		{"new\nline.yaml", "%0A", "::error file=new%0Aline.yaml,line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::%250A"},
		{"", "no file", "::error line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::no file"},
		{"a.yaml", "host \x1b[31mred\x00\tok", "::error file=a.yaml,line=1,col=2,endLine=1,endColumn=3,title=ML1102 virtualservice-subset-not-found::host  [31mred \tok"},
	}
	for _, tt := range tests {
		f := &analyzers.Finding{Rule: ruleSubset, Severity: analyzers.SeverityError, Message: tt.msg, Location: loc(tt.file, 1, 2, 1, 3)}
		got := githubCommand(f)
		if got != tt.want {
			t.Errorf("githubCommand(file %q, message %q):\n got %s\nwant %s", tt.file, tt.msg, got, tt.want)
		}
		if err := checkGitHubCommand(got, f); err != nil {
			t.Errorf("file %q, message %q: %v", tt.file, tt.msg, err)
		}
	}
}

func TestGitHubLevels(t *testing.T) {
	for s, want := range map[analyzers.Severity]string{
		analyzers.SeverityError: "::error ", analyzers.SeverityWarning: "::warning ",
		analyzers.SeverityInfo: "::notice ", 0: "::notice ",
	} {
		f := &analyzers.Finding{Rule: ruleSubset, Severity: s, Message: "m", Location: loc("a.yaml", 1, 1, 1, 1)}
		if got := githubCommand(f); !strings.HasPrefix(got, want) {
			t.Errorf("severity %v: %s, want prefix %q", s, got, want)
		}
	}
}

func TestGitHubPosition(t *testing.T) {
	tests := []struct {
		name string
		in   graph.Range
		want string
	}{
		{"one line", loc("", 12, 9, 12, 11).Range, "line=12,col=9,endLine=12,endColumn=11"},
		{"empty range", loc("", 12, 9, 12, 9).Range, "line=12,col=9,endLine=12,endColumn=9"},
		{"multi-line: no columns", loc("", 20, 5, 27, 1).Range, "line=20,endLine=27"},
		{"no end", loc("", 4, 3, 0, 0).Range, "line=4,col=3"},
		{"no column", loc("", 4, 0, 4, 7).Range, "line=4,endLine=4"},
		{"end column before start", loc("", 4, 3, 4, 1).Range, "line=4,col=3,endLine=4"},
		{"end line before start", loc("", 9, 3, 2, 8).Range, "line=9,col=3"},
		{"no position", graph.Range{}, ""},
		{"negative", loc("", -1, -1, -1, -1).Range, ""},
	}
	for _, tt := range tests {
		var parts []string
		for _, p := range githubPosition(tt.in) {
			parts = append(parts, p.key+"="+strconv.Itoa(p.value))
		}
		if got := strings.Join(parts, ","); got != tt.want {
			t.Errorf("%s: githubPosition(%+v) = %s, want %s", tt.name, tt.in, got, tt.want)
		}
	}
}

// checkGitHubCommand reads line back as the Actions runner would and
// checks that it says what f says, and that the runner would keep every
// position property (it silently drops inconsistent ones).
func checkGitHubCommand(line string, f *analyzers.Finding) error {
	if strings.ContainsAny(line, "\r\n") {
		return fmt.Errorf("line break inside the command: %q", line)
	}
	cmd, props, data, err := parseGitHubCommand(line)
	if err != nil {
		return err
	}
	if want := githubLevel(f.Severity); cmd != want {
		return fmt.Errorf("command %q, want %q", cmd, want)
	}
	if want := githubMessage(f.Message); data != want {
		return fmt.Errorf("message reads back as %q, want %q", data, want)
	}
	if file, ok := props["file"]; file != f.Location.File || ok != (f.Location.File != "") {
		return fmt.Errorf("file reads back as %q (present %v), want %q", file, ok, f.Location.File)
	}
	if want := f.Rule.ID + " " + f.Rule.Name; props["title"] != want {
		return fmt.Errorf("title reads back as %q, want %q", props["title"], want)
	}
	return checkGitHubPositions(props)
}

// parseGitHubCommand splits `::command k=v,k=v::data` like the runner:
// the command ends at the first space, the properties at the first "::",
// a property at ',' and its key at the first '='; then it undoes the
// escapes in the runner's order, "%25" last.
func parseGitHubCommand(line string) (cmd string, props map[string]string, data string, err error) {
	rest, ok := strings.CutPrefix(line, "::")
	head, data, found := strings.Cut(rest, "::")
	if !ok || !found {
		return "", nil, "", fmt.Errorf("not a workflow command: %q", line)
	}
	cmd, list, _ := strings.Cut(head, " ")
	props = map[string]string{}
	for _, p := range strings.Split(list, ",") {
		key, value, ok := strings.Cut(p, "=")
		if _, dup := props[key]; !ok || dup {
			return "", nil, "", fmt.Errorf("property %q is malformed or repeated in %q", p, line)
		}
		props[key] = unescapeGitHub(value, "%0D", "\r", "%0A", "\n", "%3A", ":", "%2C", ",", "%25", "%")
	}
	return cmd, props, unescapeGitHub(data, "%0D", "\r", "%0A", "\n", "%25", "%"), nil
}

func unescapeGitHub(s string, pairs ...string) string {
	for i := 0; i < len(pairs); i += 2 {
		s = strings.ReplaceAll(s, pairs[i], pairs[i+1])
	}
	return s
}

// checkGitHubPositions applies the runner's validation of annotation
// positions and fails where the runner would drop a property.
func checkGitHubPositions(props map[string]string) error {
	n := map[string]int{}
	for _, key := range []string{"line", "col", "endLine", "endColumn"} {
		if v, ok := props[key]; ok {
			i, err := strconv.Atoi(v)
			if err != nil || i < 1 {
				return fmt.Errorf("%s=%q, want a positive number", key, v)
			}
			n[key] = i
		}
	}
	_, line := n["line"]
	_, endLine := n["endLine"]
	_, col := n["col"]
	_, endCol := n["endColumn"]
	switch {
	case (endLine || col || endCol) && !line, endCol && !col:
		return fmt.Errorf("an end or column without its start: %v", props)
	case endLine && n["endLine"] < n["line"], endCol && n["endColumn"] < n["col"]:
		return fmt.Errorf("a position ends before it starts: %v", props)
	case endLine && n["endLine"] != n["line"] && (col || endCol):
		return fmt.Errorf("columns on a multi-line range: %v", props)
	}
	return nil
}
