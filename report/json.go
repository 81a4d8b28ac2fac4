package report

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// jsonVersion is the version of the JSON document. Fields may be added
// without changing it; renaming or removing one needs a new version.
const jsonVersion = "1"

// The json* types spell out the documented -o json contract, field by
// field, so that a rename in analyzers or graph can never silently change
// the output. Slices that the contract says are always arrays are never
// left nil, because nil encodes as null.
type jsonReport struct {
	Version  string        `json:"version"`
	Findings []jsonFinding `json:"findings"`
	Summary  jsonSummary   `json:"summary"`
}

type jsonFinding struct {
	Rule       string        `json:"rule"`
	Name       string        `json:"name"`
	Severity   string        `json:"severity"`
	Message    string        `json:"message"`
	Istio      []string      `json:"istio"`
	Resource   *jsonResource `json:"resource,omitempty"` // absent for file-level findings
	Path       string        `json:"path"`               // from the top of the document: a List item's start with items[i]
	Location   jsonLocation  `json:"location"`
	Related    []jsonRelated `json:"related"`
	Suppressed bool          `json:"suppressed"`
	// Suppression (added in version 1, present only on suppressed
	// findings) says what suppressed the finding: "inSource", a comment or
	// annotation in the analyzed files, with the reason written there; or
	// "baseline".
	Suppression *jsonSuppression `json:"suppression,omitempty"`
	// Fixes (added in version 1, present only when there are some) are
	// the suggested edits that resolve the finding, which --fix applies.
	Fixes []jsonFix `json:"fixes,omitempty"`
}

type jsonSuppression struct {
	Kind   string `json:"kind"`
	Reason string `json:"reason,omitempty"`
}

// jsonSuppressionOf is what suppressed f; nil when nothing did.
func jsonSuppressionOf(f *analyzers.Finding) *jsonSuppression {
	switch {
	case !f.Suppressed:
		return nil
	case f.InSource:
		return &jsonSuppression{Kind: "inSource", Reason: f.Reason}
	}
	return &jsonSuppression{Kind: "baseline"}
}

type jsonFix struct {
	Message string     `json:"message"`
	Edits   []jsonEdit `json:"edits"`
}

// jsonEdit replaces the range from line:column to endLine:endColumn
// (exclusive; columns count characters) with newText; an empty range
// inserts.
type jsonEdit struct {
	jsonLocation
	NewText string `json:"newText"`
}

type jsonResource struct {
	APIVersion string `json:"apiVersion"`
	Kind       string `json:"kind"`
	Namespace  string `json:"namespace"`
	Name       string `json:"name"`
}

type jsonLocation struct {
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"endLine"`
	EndColumn int    `json:"endColumn"`
}

type jsonRelated struct {
	File    string `json:"file"`
	Line    int    `json:"line"`
	Column  int    `json:"column"`
	Message string `json:"message"`
}

type jsonSummary struct {
	Files      int `json:"files"`
	Documents  int `json:"documents"`
	Resources  int `json:"resources"`
	Error      int `json:"error"`
	Warning    int `json:"warning"`
	Info       int `json:"info"`
	Suppressed int `json:"suppressed"`
	// NotObjects counts the documents skipped as not Kubernetes objects.
	NotObjects int `json:"notObjects"`
}

// writeJSON writes the whole report, suppressed findings included (marked
// as such), so that scripts can tell "clean" from "clean after
// suppressions".
func writeJSON(w io.Writer, rep *analyzers.Report, _ Options) error {
	doc := jsonReportOf(rep)
	findings := doc.Findings
	doc.Findings = nil
	return encodeIndentedWithArray(w, doc, "findings", findings)
}

// jsonReportOf is the JSON document of rep.
func jsonReportOf(rep *analyzers.Report) jsonReport {
	doc := jsonReport{
		Version:  jsonVersion,
		Findings: make([]jsonFinding, 0, len(rep.Findings)),
		Summary:  jsonSummaryOf(rep.Summary),
	}
	for _, f := range rep.Findings {
		doc.Findings = append(doc.Findings, jsonFindingOf(f))
	}
	return doc
}

func jsonFindingOf(f *analyzers.Finding) jsonFinding {
	loc := f.Location
	out := jsonFinding{
		Rule:     f.Rule.ID,
		Name:     f.Rule.Name,
		Severity: f.Severity.String(),
		Message:  f.Message,
		// Copied, not aliased: the rule's slice belongs to the rule.
		Istio:       append([]string{}, f.Rule.Istio...),
		Path:        f.DocumentPath(),
		Location:    jsonLocationOf(loc),
		Related:     make([]jsonRelated, 0, len(f.Related)),
		Suppressed:  f.Suppressed,
		Suppression: jsonSuppressionOf(f),
	}
	if r := f.Resource; r != nil {
		out.Resource = &jsonResource{APIVersion: r.APIVersion, Kind: r.Kind, Namespace: r.Namespace, Name: r.Name}
	}
	for _, rel := range f.Related {
		out.Related = append(out.Related, jsonRelatedOf(rel))
	}
	for _, fix := range f.Fixes {
		jf := jsonFix{Message: fix.Message, Edits: make([]jsonEdit, 0, len(fix.Edits))}
		for _, e := range fix.Edits {
			jf.Edits = append(jf.Edits, jsonEdit{jsonLocationOf(e.Location), e.NewText})
		}
		out.Fixes = append(out.Fixes, jf)
	}
	return out
}

func jsonLocationOf(l graph.Location) jsonLocation {
	return jsonLocation{File: l.File, Line: l.Start.Line, Column: l.Start.Column, EndLine: l.End.Line, EndColumn: l.End.Column}
}

func jsonRelatedOf(rel graph.RelatedLocation) jsonRelated {
	l := rel.Location
	return jsonRelated{File: l.File, Line: l.Start.Line, Column: l.Start.Column, Message: rel.Message}
}

func jsonSummaryOf(s analyzers.Summary) jsonSummary {
	return jsonSummary{
		Files: s.Files, Documents: s.Documents, Resources: s.Resources,
		Error: s.Errors, Warning: s.Warnings, Info: s.Infos, Suppressed: s.Suppressed, NotObjects: s.NotObjects,
	}
}

// encodeIndented writes v as two-space indented JSON with a trailing
// newline. HTML escaping is off: messages quote YAML and hosts such as
// `<host>.<namespace>.svc` or `a && b`, which must stay readable to people
// and tools; escaping is the job of whoever puts the text into HTML.
// encodeIndentedWithArray writes doc as encodeIndented writes it with
// its field named field, nil in doc, holding items, byte for byte; but it
// encodes the items one at a time. Encoding the whole document built the
// output several times over in memory (50 MB for 10,000 findings).
func encodeIndentedWithArray[T any](w io.Writer, doc any, field string, items []T) error {
	var head bytes.Buffer
	if err := encodeIndented(&head, doc); err != nil {
		return err
	}
	text := head.Bytes()
	// Keys and quotes inside strings are escaped: only the field itself
	// reads like this.
	at := bytes.Index(text, []byte(`"`+field+`": null`))
	if at < 0 {
		return fmt.Errorf("report: no field %q to write the items into", field)
	}
	indent := string(text[bytes.LastIndexByte(text[:at], '\n')+1 : at])
	bw := bufio.NewWriter(w)
	bw.Write(text[:at+len(field)+4]) // through `"field": `
	if err := writeIndentedItems(bw, indent, items); err != nil {
		return err
	}
	bw.Write(text[at+len(field)+8:]) // after `null`
	return bw.Flush()
}

// writeIndentedItems writes items as an array at indent, as encoding/json
// indents one.
func writeIndentedItems[T any](bw *bufio.Writer, indent string, items []T) error {
	if len(items) == 0 {
		bw.WriteString("[]")
		return nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent(indent+"  ", "  ")
	bw.WriteByte('[')
	for i, item := range items {
		buf.Reset()
		if err := enc.Encode(item); err != nil {
			return err
		}
		if i > 0 {
			bw.WriteByte(',')
		}
		bw.WriteString("\n" + indent + "  ")
		bw.Write(bytes.TrimSuffix(buf.Bytes(), []byte("\n")))
	}
	bw.WriteString("\n" + indent + "]")
	return nil
}

func encodeIndented(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}
