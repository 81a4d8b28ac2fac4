// Package report renders an analyzers.Report in the output formats the CLI
// offers. Each format lives in its own file; this file only dispatches.
//
// Writers treat the report as read-only and write only to the io.Writer
// they are given: the CLI decides between stdout and --output, and the
// language server reuses the same writers on in-memory buffers.
package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
)

// Options tune the output without changing what it says.
type Options struct {
	Color       bool   // ANSI colour in text output (the CLI sets it only on a TTY)
	ToolVersion string // e.g. "0.1.0", goes into SARIF tool.driver.version
	// LinkBase is the URL the markdown format puts before a file's path
	// in its links (e.g. https://github.com/o/r/blob/SHA/); "" keeps them
	// relative.
	LinkBase string
	// PassBelow is the severity under which the junit format writes a
	// rule's findings as a passing testcase (the CLI's --fail-on); 0 makes
	// every finding a failure.
	PassBelow analyzers.Severity
}

// writeFunc renders a whole report in one format.
type writeFunc func(w io.Writer, rep *analyzers.Report, opts Options) error

// writers is a slice, not a map, so that Formats, the --format help and
// the unknown-format error list the formats in the same stable order.
var writers = []struct {
	name  string
	write writeFunc
}{
	{"text", writeText},
	{"json", writeJSON},
	{"sarif", writeSARIF},
	{"github", writeGitHub},
	{"gitlab", writeGitLab},
	{"checkstyle", writeCheckstyle},
	{"junit", writeJUnit},
	{"markdown", writeMarkdown},
}

// Formats lists the supported format names in a stable order: text, json,
// sarif, github, gitlab, checkstyle, junit, markdown.
func Formats() []string {
	names := make([]string, len(writers))
	for i, f := range writers {
		names[i] = f.name
	}
	return names
}

// Write renders rep in the named format, one of Formats(). Unknown format
// -> error `unknown format "x" (want text, json, sarif, github, gitlab, checkstyle, junit or markdown)`.
// Writers never mutate rep and never open files.
func Write(w io.Writer, format string, rep *analyzers.Report, opts Options) error {
	if rep == nil {
		// An empty report is still a valid document in every format.
		rep = &analyzers.Report{}
	}
	for _, f := range writers {
		if f.name == format {
			return f.write(w, rep, opts)
		}
	}
	return &UnknownFormatError{Format: format, Known: Formats()}
}

// UnknownFormatError is the error for a format name that no writer has,
// so that a caller can tell a usage mistake from a failed write.
type UnknownFormatError struct {
	Format string
	Known  []string
}

func (e *UnknownFormatError) Error() string {
	return fmt.Sprintf("unknown format %q (want %s)", e.Format, orList(e.Known))
}

// orList renders "a, b or c", the wording of the CLI's other errors.
func orList(names []string) string {
	if len(names) < 2 {
		return strings.Join(names, "")
	}
	last := len(names) - 1
	return strings.Join(names[:last], ", ") + " or " + names[last]
}
