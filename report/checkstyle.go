package report

import (
	"bufio"
	"io"
	"sort"
	"strconv"

	"github.com/meshlint/meshlint/analyzers"
)

// checkstyleHeader opens the document with the format version that
// Checkstyle and golangci-lint write, which the tools reading it know.
const checkstyleHeader = `<?xml version="1.0" encoding="UTF-8"?>` + "\n" + `<checkstyle version="5.0">` + "\n"

// writeCheckstyle writes Checkstyle XML: one <file> per file that has
// unsuppressed findings, files sorted by name, each holding one <error>
// per finding in report order. Suppressed findings are left out, as
// Checkstyle leaves out its own ignored ones. The document is written by
// hand rather than with xml.Marshal to keep Checkstyle's own shape
// (self-closing <error/> elements); every value is escaped as
// encoding/xml escapes it (writeXMLEscaped).
func writeCheckstyle(w io.Writer, rep *analyzers.Report, _ Options) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(checkstyleHeader)
	names, byFile := checkstyleFiles(rep)
	for _, name := range names {
		bw.WriteString("  <file")
		xmlAttr(bw, "name", name)
		bw.WriteString(">\n")
		for _, f := range byFile[name] {
			checkstyleError(bw, f)
		}
		bw.WriteString("  </file>\n")
	}
	bw.WriteString("</checkstyle>\n")
	return bw.Flush()
}

// checkstyleFiles groups the unsuppressed findings by file. It returns the
// file names sorted and leaves the report's slice as it is.
func checkstyleFiles(rep *analyzers.Report) ([]string, map[string][]*analyzers.Finding) {
	var names []string
	byFile := make(map[string][]*analyzers.Finding)
	for _, f := range rep.Findings {
		if f.Suppressed {
			continue
		}
		file := f.Location.File
		if _, ok := byFile[file]; !ok {
			names = append(names, file)
		}
		byFile[file] = append(byFile[file], f)
	}
	sort.Strings(names)
	return names, byFile
}

// checkstyleError writes one <error/>. The line is clamped to 1, as in
// SARIF, because consumers expect one; an unknown column is left out, as
// Checkstyle itself does.
func checkstyleError(bw *bufio.Writer, f *analyzers.Finding) {
	bw.WriteString("    <error")
	xmlAttr(bw, "line", strconv.Itoa(max(f.Location.Start.Line, 1)))
	if col := f.Location.Start.Column; col >= 1 {
		xmlAttr(bw, "column", strconv.Itoa(col))
	}
	xmlAttr(bw, "severity", checkstyleSeverity(f.Severity))
	xmlAttr(bw, "message", f.Message)
	xmlAttr(bw, "source", f.Rule.ID)
	bw.WriteString("/>\n")
}

// xmlAttr writes ` name="value"`, the value escaped by writeXMLEscaped.
func xmlAttr(bw *bufio.Writer, name, value string) {
	bw.WriteString(" " + name + `="`)
	writeXMLEscaped(bw, value)
	bw.WriteByte('"')
}

// checkstyleSeverity maps severities to Checkstyle's levels, which have
// the same names (its fourth, "ignore", is never written).
func checkstyleSeverity(s analyzers.Severity) string {
	switch s {
	case analyzers.SeverityError:
		return "error"
	case analyzers.SeverityWarning:
		return "warning"
	}
	return "info"
}
