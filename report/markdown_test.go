package report

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
)

// markdownTags are the only HTML tags the writer emits itself.
var markdownTags = []string{"<details>", "</details>", "<summary>", "</summary>", "<code>", "</code>", "<sub>", "</sub>"}

// checkMarkdownShape checks what must hold whatever the findings say: no
// raw HTML but the writer's own tags, every table row one line with its
// cells' pipes escaped, and the report under GitHub's comment limit.
func checkMarkdownShape(md string) error {
	if len(md) > 65536 {
		return fmt.Errorf("%d bytes, over GitHub's comment limit", len(md))
	}
	for i, line := range strings.Split(strings.TrimSuffix(md, "\n"), "\n") {
		rest := line
		for _, tag := range markdownTags {
			rest = strings.ReplaceAll(rest, tag, "")
		}
		if j := strings.Index(rest, "<"); j >= 0 && (j == 0 || rest[j-1] != '\\') {
			return fmt.Errorf("line %d has raw HTML: %q", i+1, line)
		}
		if strings.HasPrefix(line, "|") {
			if !strings.HasSuffix(line, " |") && !strings.HasSuffix(line, "-|") && !strings.HasSuffix(line, ":|") {
				return fmt.Errorf("line %d is a broken table row: %q", i+1, line)
			}
			if cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|"); cells != 3 && cells != 4 && cells != 5 {
				return fmt.Errorf("line %d: %d unescaped pipes: %q", i+1, cells, line)
			}
		}
	}
	return nil
}

func TestMarkdownSample(t *testing.T) {
	md := string(render(t, "markdown", sampleReport()))
	if err := checkMarkdownShape(md); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"### meshlint: 2 errors, 1 warning, 0 info\n",
		"| :x: error | 2 |\n",
		"| [ML1102](https://github.com/meshlint/meshlint/blob/main/docs/rules/ML1102.md) virtualservice-subset-not-found | error | 1 |\n",
		"<details>\n<summary><code>mesh/reviews.yaml</code>: 1 error, 1 warning</summary>\n",
		"| [12:9](mesh/reviews.yaml#L12) | error | ML1102 virtualservice-subset-not-found | subset \"v3\" is not",
		`| http\[1\] has match conditions and no later route without them requests that match none get a 404 |`,
		"<sub>meshlint 0.1.0: 3 files, 4 resources, 1 suppressed</sub>\n",
	} {
		if !strings.Contains(md, want) {
			t.Errorf("markdown lacks %q:\n%s", want, md)
		}
	}
	if strings.Contains(md, "reviews-v2") {
		t.Errorf("the suppressed finding is listed:\n%s", md)
	}
}

// TestMarkdownClean: a clean run is one line, ready to post as it is.
func TestMarkdownClean(t *testing.T) {
	tests := []struct {
		rep  *analyzers.Report
		want string
	}{
		{nil, "**meshlint**: no findings.\n"},
		{&analyzers.Report{Summary: analyzers.Summary{Files: 2, Resources: 1}}, "**meshlint**: no findings 0.1.0: 2 files, 1 resource.\n"},
		{&analyzers.Report{Findings: []*analyzers.Finding{{Rule: ruleSubset, Suppressed: true}}, Summary: analyzers.Summary{Files: 1, Resources: 3, Suppressed: 1}},
			"**meshlint**: no findings 0.1.0: 1 file, 3 resources, 1 suppressed.\n"},
	}
	for _, tt := range tests {
		if got := string(render(t, "markdown", tt.rep)); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}

// TestMarkdownEscape: text from manifests cannot format, link, mention,
// open HTML or end a table cell.
func TestMarkdownEscape(t *testing.T) {
	tests := []struct{ in, want string }{
		{"plain: text, (ok).", "plain: text, (ok)."},
		{"*bold* _em_ `code` ~~s~~", `\*bold\* \_em\_ \` + "`code\\`" + ` \~\~s\~\~`},
		{"[link](http://x) ![img](y)", `\[link\](http://x) \!\[img\](y)`},
		{"<script>alert(1)</script> &amp;", `\<script\>alert(1)\</script\> \&amp;`},
		{"a | b", `a \| b`},
		{"@team #12 $x$", `\@team \#12 \$x\$`},
		{"two\nlines", "two lines"},
		{`back\slash`, `back\\slash`},
	}
	for _, tt := range tests {
		if got := mdText(tt.in); got != tt.want {
			t.Errorf("mdText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMarkdownLinks(t *testing.T) {
	tests := []struct{ file, base, want string }{
		{"deploy/vs.yaml", "", "deploy/vs.yaml"},
		{"dir with space/a (1).yaml", "", "dir%20with%20space/a%20%281%29.yaml"},
		{"C:/work/a.yaml", "", "./C:/work/a.yaml"},
		{"deploy/vs.yaml", "https://github.com/o/r/blob/abc/", "https://github.com/o/r/blob/abc/deploy/vs.yaml"},
		{"./deploy/../vs.yaml", "https://h/o/r/blob/abc", "https://h/o/r/blob/abc/vs.yaml"},
		{"../other/vs.yaml", "https://h/o/r/blob/abc/", "../other/vs.yaml"},
		{"/abs/vs.yaml", "https://h/o/r/blob/abc/", "/abs/vs.yaml"},
	}
	for _, tt := range tests {
		if got := markdownFileURL(tt.file, tt.base); got != tt.want {
			t.Errorf("markdownFileURL(%q, %q) = %q, want %q", tt.file, tt.base, got, tt.want)
		}
	}
	var buf bytes.Buffer
	rep := &analyzers.Report{Findings: []*analyzers.Finding{{Rule: ruleSubset, Severity: analyzers.SeverityError, Message: "m", Location: loc("a.yaml", 7, 0, 0, 0)}}}
	if err := Write(&buf, "markdown", rep, Options{LinkBase: "https://h/o/r/blob/abc/"}); err != nil {
		t.Fatal(err)
	}
	if want := "| [7](https://h/o/r/blob/abc/a.yaml#L7) | error |"; !strings.Contains(buf.String(), want) {
		t.Errorf("output lacks %q:\n%s", want, buf.String())
	}
}

// TestMarkdownTooLong: a backlog too long for one comment lists the files
// that fit and counts the rest.
func TestMarkdownTooLong(t *testing.T) {
	var findings []*analyzers.Finding
	for i := range 3000 {
		findings = append(findings, &analyzers.Finding{Rule: ruleSubset, Severity: analyzers.SeverityError,
			Message: strings.Repeat("long message ", 5), Location: loc(fmt.Sprintf("f%04d.yaml", i/10), i%10+1, 1, 0, 0)})
	}
	md := string(render(t, "markdown", &analyzers.Report{Findings: findings}))
	if err := checkMarkdownShape(md); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(md, "more findings in ") || !strings.Contains(md, "virtualservice-subset-not-found | error | 3000 |") {
		t.Errorf("want the full counts and a line counting what is not shown:\n%s", md[len(md)-500:])
	}
}
