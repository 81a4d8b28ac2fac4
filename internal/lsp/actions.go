package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/report"
)

// SuppressReason is the reason the suppression quick fix writes: a
// reason is required, and only the user knows it, so the comment asks
// for one where it will be seen in review.
const SuppressReason = "TODO: say why this is intended"

// hover shows, for the findings under the cursor, their message and the
// documentation of their rule.
func (s *Server) hover(_ *glsp.Context, p *protocol.HoverParams) (*protocol.Hover, error) {
	s.mu.Lock()
	snap := s.last
	s.mu.Unlock()
	file := pathOf(p.TextDocument.URI)
	t := snap.texts[file]
	var parts []string
	var at *protocol.Range
	for _, f := range snap.findings[file] {
		r := t.rangeOf(f.Location.Range)
		if !contains(r, p.Position) {
			continue
		}
		if at == nil {
			at = &r
		}
		parts = append(parts, fmt.Sprintf("**%s** %s (%s): %s\n\n%s", f.Rule.ID, f.Rule.Name, f.Severity, f.Message, report.RulePage(f.Rule)))
	}
	if len(parts) == 0 {
		return nil, nil
	}
	return &protocol.Hover{
		Contents: protocol.MarkupContent{Kind: protocol.MarkupKindMarkdown, Value: strings.Join(parts, "\n\n---\n\n")},
		Range:    at,
	}, nil
}

// codeAction offers, for each finding on the lines of the range, the
// rule's fixes and a suppression comment.
func (s *Server) codeAction(_ *glsp.Context, p *protocol.CodeActionParams) (any, error) {
	s.mu.Lock()
	snap := s.last
	s.mu.Unlock()
	file := pathOf(p.TextDocument.URI)
	t := snap.texts[file]
	actions := []protocol.CodeAction{}
	for _, f := range snap.findings[file] {
		r := t.rangeOf(f.Location.Range)
		if r.End.Line < p.Range.Start.Line || r.Start.Line > p.Range.End.Line {
			continue
		}
		diag := snap.diagnostic(f)
		for _, fix := range f.Fixes {
			actions = append(actions, quickFix(fix.Message, diag, snap.fixEdit(fix), len(f.Fixes) == 1))
		}
		if isJSON(file) {
			continue // a comment would make it YAML, which JSON readers (kubectl's among them) refuse
		}
		title := fmt.Sprintf("Suppress %s with a # meshlint:ignore comment", f.Rule.ID)
		actions = append(actions, quickFix(title, diag, snap.suppressEdit(f), false))
	}
	s.mu.Lock()
	literal := s.literalActions
	s.mu.Unlock()
	if literal {
		return actions, nil
	}
	commands := []protocol.Command{}
	for _, a := range actions {
		commands = append(commands, protocol.Command{Title: a.Title, Command: ApplyEditCommand, Arguments: []any{a.Title, a.Edit}})
	}
	return commands, nil
}

// ApplyEditCommand applies a code action's edit for a client that takes
// commands only: its arguments are a label and a WorkspaceEdit, which the
// server sends back with workspace/applyEdit.
const ApplyEditCommand = "meshlint.applyEdit"

func (s *Server) executeCommand(_ *glsp.Context, p *protocol.ExecuteCommandParams) (any, error) {
	if p.Command != ApplyEditCommand || len(p.Arguments) != 2 {
		return nil, fmt.Errorf("unknown command %s with %d arguments", p.Command, len(p.Arguments))
	}
	label, _ := p.Arguments[0].(string)
	raw, err := json.Marshal(p.Arguments[1])
	if err != nil {
		return nil, err
	}
	var edit protocol.WorkspaceEdit
	if err := json.Unmarshal(raw, &edit); err != nil {
		return nil, fmt.Errorf("%s: not a WorkspaceEdit: %v", ApplyEditCommand, err)
	}
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	// Not from this handler: the client's answer arrives on the
	// connection this handler is blocking.
	go func() {
		var res protocol.ApplyWorkspaceEditResponse
		params := protocol.ApplyWorkspaceEditParams{Label: &label, Edit: edit}
		if err := conn.Call(context.Background(), protocol.ServerWorkspaceApplyEdit, params, &res); err == nil && !res.Applied {
			s.showError(fmt.Errorf("the editor did not apply %q", label))
		}
	}()
	return nil, nil
}

func quickFix(title string, diag protocol.Diagnostic, edit *protocol.WorkspaceEdit, preferred bool) protocol.CodeAction {
	kind := protocol.CodeActionKindQuickFix
	a := protocol.CodeAction{Title: title, Kind: &kind, Diagnostics: []protocol.Diagnostic{diag}, Edit: edit}
	if preferred {
		a.IsPreferred = &preferred
	}
	return a
}

// fixEdit turns a fix's edits, which may touch several files, into a
// workspace edit.
func (snap *snapshot) fixEdit(fix analyzers.SuggestedFix) *protocol.WorkspaceEdit {
	changes := map[protocol.DocumentUri][]protocol.TextEdit{}
	for _, e := range fix.Edits {
		uri := snap.uri(e.Location.File)
		changes[uri] = append(changes[uri], protocol.TextEdit{Range: snap.texts[e.Location.File].rangeOf(e.Location.Range), NewText: e.NewText})
	}
	return &protocol.WorkspaceEdit{Changes: changes}
}

// suppressEdit writes `# meshlint:ignore ID reason` alone on a new line
// before the finding's, indented like it: a trailing comment would join
// any comment the line already has.
func (snap *snapshot) suppressEdit(f *analyzers.Finding) *protocol.WorkspaceEdit {
	file := f.Location.File
	t := snap.texts[file]
	line := max(f.Location.Start.Line-1, 0)
	eol := "\n"
	if t != nil && line+1 < len(t.starts) && t.starts[line+1] >= 2 && t.content[t.starts[line+1]-2] == '\r' {
		eol = "\r\n"
	}
	at := protocol.Position{Line: protocol.UInteger(line)}
	comment := fmt.Sprintf("%s# meshlint:ignore %s %s%s", t.indent(line), f.Rule.ID, SuppressReason, eol)
	return &protocol.WorkspaceEdit{Changes: map[protocol.DocumentUri][]protocol.TextEdit{
		snap.uri(file): {{Range: protocol.Range{Start: at, End: at}, NewText: comment}},
	}}
}

// contains reports whether p lies in r, both ends included: a cursor
// just after the last character still hovers the field.
func contains(r protocol.Range, p protocol.Position) bool {
	return !before(p, r.Start) && !before(r.End, p)
}

func before(a, b protocol.Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Character < b.Character)
}

func isJSON(file string) bool { return strings.EqualFold(filepath.Ext(file), ".json") }
