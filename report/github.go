package report

import (
	"bufio"
	"io"
	"strconv"
	"strings"
	"unicode"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// The escapes of GitHub Actions workflow commands, as @actions/core writes
// them and the runner reads them back. The message only needs its line
// breaks escaped (and '%', the escape character); a property value also
// needs ':' and ',', which would otherwise end the property list or the
// property.
var (
	githubDataEscaper     = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A")
	githubPropertyEscaper = strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C")
)

// writeGitHub prints one workflow command per unsuppressed finding, e.g.
//
//	::error file=a.yaml,line=12,col=9,endLine=12,endColumn=11,title=ML1102 virtualservice-subset-not-found::subset "v3" ...
//
// which the Actions runner turns into an annotation on that line of the
// pull request. Suppressed findings are left out: an annotation cannot be
// marked as dismissed. No summary line either: the CLI prints it to stderr,
// which the job log shows too, and a summary command would add an
// annotation of its own to every run.
func writeGitHub(w io.Writer, rep *analyzers.Report, _ Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range rep.Findings {
		if f.Suppressed {
			continue
		}
		bw.WriteString(githubCommand(f))
		bw.WriteByte('\n')
	}
	return bw.Flush()
}

// githubCommand renders one finding as a workflow command. Every line
// break in it is escaped, so the command stays on one line whatever the
// message or file name holds.
func githubCommand(f *analyzers.Finding) string {
	var props []string
	add := func(key, value string) {
		props = append(props, key+"="+githubPropertyEscaper.Replace(value))
	}
	if f.Location.File != "" {
		add("file", f.Location.File)
	}
	for _, p := range githubPosition(f.Location.Range) {
		add(p.key, strconv.Itoa(p.value))
	}
	add("title", strings.TrimSpace(f.Rule.ID+" "+f.Rule.Name))
	return "::" + githubLevel(f.Severity) + " " + strings.Join(props, ",") + "::" + githubDataEscaper.Replace(githubMessage(f.Message))
}

// githubMessage keeps a message's line breaks and tabs (an annotation
// shows several lines) but turns other control characters into spaces: an
// escape sequence quoted from a manifest must not recolour the job log.
func githubMessage(msg string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) && r != '\n' && r != '\r' && r != '\t' {
			return ' '
		}
		return r
	}, msg)
}

type githubProperty struct {
	key   string
	value int
}

// githubPosition returns the position properties the runner accepts,
// leaving out what is unknown (0) or would make it discard more: it drops
// line and endLine when endLine < line, and both columns when they are
// set on a range that spans lines (annotations only have columns within
// one line). So a multi-line finding is annotated by lines alone, and an
// end column is given only with an end on the start's line.
func githubPosition(r graph.Range) []githubProperty {
	line, col, endLine, endCol := r.Start.Line, r.Start.Column, r.End.Line, r.End.Column
	if line < 1 {
		return nil
	}
	props := []githubProperty{{"line", line}}
	if endLine > line {
		return append(props, githubProperty{"endLine", endLine})
	}
	if col >= 1 {
		props = append(props, githubProperty{"col", col})
	}
	if endLine == line {
		props = append(props, githubProperty{"endLine", endLine})
		if col >= 1 && endCol >= col {
			props = append(props, githubProperty{"endColumn", endCol})
		}
	}
	return props
}

// githubLevel maps severities to the three annotation commands; Actions
// calls its informational level "notice".
func githubLevel(s analyzers.Severity) string {
	switch s {
	case analyzers.SeverityError:
		return "error"
	case analyzers.SeverityWarning:
		return "warning"
	}
	return "notice"
}
