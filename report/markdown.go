package report

import (
	"cmp"
	"fmt"
	"html"
	"io"
	"net/url"
	"path"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
)

// markdownMaxBytes keeps a report under GitHub's limit for a comment
// (65,536 characters) with room for what a workflow adds around it: the
// file sections that do not fit are counted, not listed.
const markdownMaxBytes = 60000

// markdownEscaper backslash-escapes the ASCII punctuation that can start
// inline Markdown or HTML in GitHub and GitLab Markdown (emphasis, code,
// links, HTML tags, entities, table cells, strikethrough, math, mentions).
// CommonMark lets any ASCII punctuation be escaped this way.
var markdownEscaper = strings.NewReplacer(
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "<", `\<`, ">", `\>`,
	"|", `\|`, "~", `\~`, "$", `\$`, "&", `\&`, "!", `\!`, "#", `\#`, "@", `\@`,
)

// mdText is s on one line with its Markdown escaped.
func mdText(s string) string { return markdownEscaper.Replace(oneLine(s)) }

// writeMarkdown writes a report to post as a pull-request comment: a
// heading with the counts, a table by severity and one by rule, then the
// findings of each file in a collapsible <details> section, each linked to
// file#Lline (relative, or under Options.LinkBase). A clean run is one
// line. Suppressed findings are counted, not listed.
func writeMarkdown(w io.Writer, rep *analyzers.Report, opts Options) error {
	names, byFile := checkstyleFiles(rep)
	tool := strings.TrimSpace("meshlint " + opts.ToolVersion)
	counts := markdownCounted(rep.Summary)
	var b strings.Builder
	if len(names) == 0 {
		if counts != "" {
			counts = " in " + counts
		}
		fmt.Fprintf(&b, "**%s**: no findings%s.\n", tool, counts)
		_, err := io.WriteString(w, b.String())
		return err
	}
	markdownSummary(&b, rep)
	markdownFiles(&b, names, byFile, opts.LinkBase)
	if counts != "" {
		tool += ": " + counts
	}
	fmt.Fprintf(&b, "<sub>%s</sub>\n", tool)
	_, err := io.WriteString(w, b.String())
	return err
}

// markdownCounted says what was linted: "3 files, 4 resources, 1 suppressed".
func markdownCounted(s analyzers.Summary) string {
	var parts []string
	if s.Files > 0 {
		parts = append(parts, plural(s.Files, "file"), plural(s.Resources, "resource"))
	}
	if s.Suppressed > 0 {
		parts = append(parts, strconv.Itoa(s.Suppressed)+" suppressed")
	}
	return strings.Join(parts, ", ")
}

// markdownSeverities are the rows of the severity table, worst first.
var markdownSeverities = []struct {
	sev   analyzers.Severity
	emoji string
}{
	{analyzers.SeverityError, ":x:"},
	{analyzers.SeverityWarning, ":warning:"},
	{analyzers.SeverityInfo, ":information_source:"},
}

func markdownSummary(b *strings.Builder, rep *analyzers.Report) {
	bySev := map[analyzers.Severity]int{}
	type ruleRow struct {
		rule  *analyzers.Rule
		worst analyzers.Severity
		n     int
	}
	byRule := map[string]*ruleRow{}
	for _, f := range rep.Findings {
		if f.Suppressed {
			continue
		}
		bySev[f.Severity]++
		row := byRule[f.Rule.ID]
		if row == nil {
			row = &ruleRow{rule: f.Rule}
			byRule[f.Rule.ID] = row
		}
		row.n++
		row.worst = max(row.worst, f.Severity)
	}
	var counts []string
	for _, s := range markdownSeverities {
		counts = append(counts, plural(bySev[s.sev], s.sev.String()))
	}
	fmt.Fprintf(b, "### meshlint: %s\n\n| severity | findings |\n|:--|--:|\n", strings.Join(counts, ", "))
	for _, s := range markdownSeverities {
		fmt.Fprintf(b, "| %s %s | %d |\n", s.emoji, s.sev, bySev[s.sev])
	}
	b.WriteString("\n| rule | severity | findings |\n|:--|:--|--:|\n")
	for _, id := range sortedKeys(byRule) {
		row := byRule[id]
		fmt.Fprintf(b, "| %s %s | %s | %d |\n", markdownRuleID(row.rule), mdText(row.rule.Name), row.worst, row.n)
	}
	b.WriteString("\n")
}

// markdownRuleID links a built-in rule's ID to its documentation; user
// policies (ML9xxx) have no page there.
func markdownRuleID(r *analyzers.Rule) string {
	if c := r.Category(); c.Digit == 0 || c.Digit == '9' {
		return mdText(r.ID)
	}
	return "[" + mdText(r.ID) + "](" + r.DocURL() + ")"
}

// markdownFiles writes a <details> section per file, in name order, until
// the size budget is spent; the rest are counted in one closing line.
func markdownFiles(b *strings.Builder, names []string, byFile map[string][]*analyzers.Finding, linkBase string) {
	for i, name := range names {
		section := markdownFile(name, byFile[name], linkBase)
		if b.Len()+len(section) > markdownMaxBytes {
			left := 0
			for _, rest := range names[i:] {
				left += len(byFile[rest])
			}
			fmt.Fprintf(b, "%s in %s not shown: the comment would be too long (see the job's full report).\n\n",
				capitalize(plural(left, "more finding")), plural(len(names)-i, "file"))
			return
		}
		b.WriteString(section)
	}
}

func markdownFile(name string, findings []*analyzers.Finding, linkBase string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "<details>\n<summary><code>%s</code>: %s</summary>\n\n", html.EscapeString(oneLine(cmp.Or(name, noFile))), markdownCounts(findings))
	b.WriteString("| line | severity | rule | message |\n|--:|:--|:--|:--|\n")
	for _, f := range findings {
		fmt.Fprintf(&b, "| %s | %s | %s | %s |\n", markdownLocation(f, linkBase),
			f.Severity, mdText(strings.TrimSpace(f.Rule.ID+" "+f.Rule.Name)), mdText(f.Message))
	}
	b.WriteString("\n</details>\n\n")
	return b.String()
}

// markdownCounts is "1 error, 2 warnings" for one file, worst first.
func markdownCounts(findings []*analyzers.Finding) string {
	n := map[analyzers.Severity]int{}
	for _, f := range findings {
		n[f.Severity]++
	}
	var parts []string
	for _, s := range markdownSeverities {
		if n[s.sev] > 0 {
			parts = append(parts, plural(n[s.sev], s.sev.String()))
		}
	}
	return strings.Join(parts, ", ")
}

// markdownLocation is "12:9" linked to the file's line.
func markdownLocation(f *analyzers.Finding, linkBase string) string {
	line, col := max(f.Location.Start.Line, 1), f.Location.Start.Column
	text := strconv.Itoa(line)
	if col >= 1 {
		text += ":" + strconv.Itoa(col)
	}
	if f.Location.File == "" {
		return text
	}
	return "[" + text + "](" + markdownFileURL(f.Location.File, linkBase) + "#L" + strconv.Itoa(line) + ")"
}

// markdownFileURL is the file's path, each segment percent-escaped, under
// base when the path stays inside it (an absolute path or one leading out
// with ../ stays relative: base cannot name it).
func markdownFileURL(file, base string) string {
	p := filepath.ToSlash(file)
	segs := strings.Split(p, "/")
	for i, s := range segs {
		segs[i] = url.PathEscape(s)
	}
	escaped := strings.Join(segs, "/")
	clean := path.Clean(p)
	inside := !path.IsAbs(p) && !filepath.IsAbs(file) && clean != ".." && !strings.HasPrefix(clean, "../")
	if base != "" && inside {
		return strings.TrimSuffix(base, "/") + "/" + strings.TrimPrefix(path.Clean(escaped), "./")
	}
	if strings.Contains(segs[0], ":") {
		escaped = "./" + escaped // "C:" or "a:b" would read as a URL scheme
	}
	return escaped
}
