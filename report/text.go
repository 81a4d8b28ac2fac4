package report

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode"

	"github.com/meshlint/meshlint/analyzers"
)

// ANSI SGR sequences for the severity word. Only the word is coloured so
// that problem matchers which strip colour codes still see the plain
// `file:line:col: severity: message` shape.
const (
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiReset  = "\x1b[0m"
)

// writeText prints one line per unsuppressed finding, in the order the
// findings arrive (the runner has already sorted them). The summary line
// is the CLI's job: it goes to stderr so stdout stays machine-readable.
func writeText(w io.Writer, rep *analyzers.Report, opts Options) error {
	bw := bufio.NewWriter(w)
	for _, f := range rep.Findings {
		if f.Suppressed {
			continue
		}
		loc := f.Location
		fmt.Fprintf(bw, "%s:%d:%d: %s: %s [%s %s]\n",
			oneLine(loc.File), loc.Start.Line, loc.Start.Column,
			severityWord(f.Severity, opts.Color), oneLine(f.Message),
			oneLine(f.Rule.ID), oneLine(f.Rule.Name))
	}
	return bw.Flush()
}

// severityWord returns the severity name, wrapped in its colour when asked.
func severityWord(s analyzers.Severity, color bool) string {
	word := s.String()
	if !color {
		return word
	}
	var code string
	switch s {
	case analyzers.SeverityError:
		code = ansiRed
	case analyzers.SeverityWarning:
		code = ansiYellow
	case analyzers.SeverityInfo:
		code = ansiCyan
	default:
		return word
	}
	return code + word + ansiReset
}

// oneLine keeps a finding on a single line: editors and CI problem matchers
// read the output line by line, so a newline inside a message (a YAML
// parser error often has one) would split a finding in two. Each run of
// control characters and Unicode line or paragraph separators becomes one
// space; a stray escape sequence in a file name or message cannot recolour
// the terminal either.
func oneLine(s string) string {
	if strings.IndexFunc(s, breaksLine) < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	inRun := false
	for _, r := range s {
		if breaksLine(r) {
			if !inRun {
				b.WriteByte(' ')
			}
			inRun = true
			continue
		}
		inRun = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}

func breaksLine(r rune) bool {
	return unicode.IsControl(r) || r == '\u2028' || r == '\u2029'
}
