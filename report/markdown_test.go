package report

import (
	"bytes"
	"fmt"
	"html"
	"regexp"
	"strings"
	"testing"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	gmhtml "github.com/yuin/goldmark/renderer/html"

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
		{nil, "**meshlint 0.1.0**: no findings.\n"},
		{&analyzers.Report{Summary: analyzers.Summary{Files: 2, Resources: 1}}, "**meshlint 0.1.0**: no findings in 2 files, 1 resource.\n"},
		{&analyzers.Report{Findings: []*analyzers.Finding{{Rule: ruleSubset, Suppressed: true}}, Summary: analyzers.Summary{Files: 1, Resources: 3, Suppressed: 1}},
			"**meshlint 0.1.0**: no findings in 1 file, 3 resources, 1 suppressed.\n"},
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

// TestMarkdownRendered renders reports with goldmark (CommonMark and GitHub's
// table, strikethrough and autolink extensions, raw HTML let through as
// GitHub lets <details> through): the only tags are the writer's own and
// the table's, each finding is one row of four cells, and text from the
// manifests reads back exactly as written, markup characters and all.
func TestMarkdownRendered(t *testing.T) {
	hostile := "*bold* _em_ `code` <b>tag</b> <!-- c --> [l](u) ![i](j) a | b ~~s~~ $m$ \\ back &amp; #1 @team :x: end"
	rep := sampleReport()
	rep.Findings = append(rep.Findings, &analyzers.Finding{Rule: ruleSubset, Severity: analyzers.SeverityInfo,
		Message: hostile, Location: loc("dir with space/<x> & y.yaml", 3, 1, 0, 0)})
	rendered := markdownHTML(t, render(t, "markdown", rep))
	if err := checkRenderedTags(rendered); err != nil {
		t.Errorf("%v:\n%s", err, rendered)
	}
	rows := regexp.MustCompile(`<tr>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*<td[^>]*>(.*?)</td>\s*</tr>`).FindAllStringSubmatch(rendered, -1)
	var messages []string
	for _, r := range rows {
		messages = append(messages, html.UnescapeString(r[4]))
	}
	if len(rows) != 4 || messages[0] != hostile { // its file sorts first
		t.Errorf("finding rows' messages read back as %q, want 4 rows, the first %q:\n%s", messages, hostile, rendered)
	}
	if !strings.Contains(rendered, "<code>dir with space/&lt;x&gt; &amp; y.yaml</code>") ||
		!strings.Contains(rendered, `href="dir%20with%20space/%3Cx%3E%20&amp;%20y.yaml#L3"`) {
		t.Errorf("the file name is not escaped in the summary, or not percent-escaped in the link:\n%s", rendered)
	}
}

// markdownHTML renders md as GitHub would, near enough: CommonMark with
// the GFM extensions, raw HTML let through.
func markdownHTML(t testing.TB, md []byte) string {
	t.Helper()
	var out bytes.Buffer
	gm := goldmark.New(goldmark.WithExtensions(extension.GFM), goldmark.WithRendererOptions(gmhtml.WithUnsafe()))
	if err := gm.Convert(md, &out); err != nil {
		t.Fatal(err)
	}
	return out.String()
}

// renderedTags are the elements a rendered report may hold: the writer's
// own tags, the tables' and the links'.
var renderedTags = map[string]bool{"h3": true, "table": true, "thead": true, "tbody": true, "tr": true, "th": true, "td": true,
	"a": true, "details": true, "summary": true, "code": true, "sub": true, "p": true, "strong": true}

func checkRenderedTags(rendered string) error {
	for _, m := range regexp.MustCompile(`<(/?)([a-zA-Z0-9!-]+)`).FindAllStringSubmatch(rendered, -1) {
		if !renderedTags[m[2]] {
			return fmt.Errorf("rendered HTML has <%s%s>, which the writer does not write", m[1], m[2])
		}
	}
	return nil
}
