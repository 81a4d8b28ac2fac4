package lsp

import (
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"slices"
	"sort"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// snapshot is what one lint read and found: the text of every file (to
// convert positions) and the findings by file.
type snapshot struct {
	texts    map[string]*text
	findings map[string][]*analyzers.Finding
	docs     map[string]*document // the open buffers it linted
}

// schedule lints after delay unless another change comes first; a lint
// already running on older content is cancelled.
func (s *Server) schedule(delay time.Duration) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	if s.timer != nil {
		s.timer.Stop()
	}
	gen := s.gen
	s.timer = time.AfterFunc(delay, func() { s.lint(gen) })
}

// lint runs the engine over the workspace with the open buffers in place
// of their files and publishes the result, unless a newer change came in
// meanwhile (its own lint publishes then).
func (s *Server) lint(gen int) {
	s.mu.Lock()
	if gen != s.gen || s.ws == nil {
		s.mu.Unlock()
		return
	}
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	ws, root := s.ws, s.root
	docs := maps.Clone(s.docs)
	s.mu.Unlock()
	defer cancel()
	// One lint at a time: a cancelled one stops at its next check, and
	// the cache is not for concurrent use.
	s.lintMu.Lock()
	defer s.lintMu.Unlock()
	if ctx.Err() != nil {
		return
	}
	defer func() {
		if r := recover(); r != nil { // the next change tries again
			s.showError(fmt.Errorf("internal error while linting: %v", r))
		}
	}()
	if snap := s.run(ctx, ws, root, docs); snap != nil {
		s.publish(gen, snap)
	}
}

// run lints and returns what to publish; nil when the lint was cancelled
// or failed (the user is told why).
func (s *Server) run(ctx context.Context, ws *Workspace, root string, docs map[string]*document) *snapshot {
	srcs, readErr := workspaceSources(ws, root, docs)
	if readErr != nil {
		s.showError(readErr)
	}
	if err := lint.Validate(ws.Options); err != nil { // before Analyze, as Lint does
		s.showError(err)
		return nil
	}
	res, err := lint.Analyze(ctx, s.cache.Load(srcs, ws.Options.Graph), ws.Options)
	switch {
	case ctx.Err() != nil:
		return nil
	case err != nil:
		s.showError(err)
		return nil
	case readErr == nil:
		s.clearError()
	}
	return newSnapshot(srcs, res, docs)
}

// workspaceSources reads the files the command line would lint in root
// (the config's paths, else the folder) and puts the open buffers in
// place of their files. An open file the paths do not cover is linted
// too, unless the config ignores it, as --only does on the command line.
func workspaceSources(ws *Workspace, root string, docs map[string]*document) ([]source.Source, error) {
	in := lint.Inputs{Config: ws.Config, MaxFileBytes: ws.Options.Graph.Limits.MaxFileBytes}
	if ws.Config == nil || len(ws.Config.Paths) == 0 {
		in.Paths = []string{root}
	}
	srcs, err := lint.ReadSources(in)
	if err != nil {
		srcs = nil // say so, and lint the open buffers all the same
	}
	index := map[string]int{}
	for i, s := range srcs {
		index[s.Path] = i
	}
	var extra []string
	for p, d := range docs {
		if i, ok := index[p]; ok {
			srcs[i].Content = d.content
		} else if source.IsManifestFile(p) && !lint.Ignored(ws.Config, p) {
			extra = append(extra, p)
		}
	}
	sort.Strings(extra) // after the paths, as --only files come
	for _, p := range extra {
		srcs = append(srcs, source.Source{Path: p, Content: docs[p].content, Found: true, HelmChart: source.HelmChartOf(p)})
	}
	return srcs, err
}

func newSnapshot(srcs []source.Source, res *lint.Result, docs map[string]*document) *snapshot {
	snap := &snapshot{texts: map[string]*text{}, findings: map[string][]*analyzers.Finding{}, docs: docs}
	for _, src := range srcs {
		snap.texts[src.Path] = newText(src.Content)
	}
	for _, f := range res.Findings {
		if f.Suppressed || f.Location.File == "" {
			continue
		}
		snap.findings[f.Location.File] = append(snap.findings[f.Location.File], f)
	}
	return snap
}

// publish sends the diagnostics of each file whose diagnostics changed:
// those of a file with findings, an empty list for a file that had some
// and has none now. Unchanged files are not sent again, so that a
// keystroke in a large workspace costs one message, not one per file.
func (s *Server) publish(gen int, snap *snapshot) {
	s.pubMu.Lock()
	defer s.pubMu.Unlock()
	s.mu.Lock()
	if gen != s.gen {
		s.mu.Unlock()
		return
	}
	s.last = snap
	prev := s.published
	s.mu.Unlock()
	files := slices.Collect(maps.Keys(snap.findings))
	for f := range prev {
		if snap.findings[f] == nil {
			files = append(files, f)
		}
	}
	sort.Strings(files)
	next := map[string]string{}
	for _, f := range files {
		p := snap.diagnosticsOf(f)
		key, _ := json.Marshal(p.Diagnostics)
		if len(p.Diagnostics) > 0 {
			next[f] = string(key)
		}
		if prev[f] != string(key) {
			s.notify(protocol.ServerTextDocumentPublishDiagnostics, p)
		}
	}
	s.mu.Lock()
	s.published = next
	s.mu.Unlock()
}

func (snap *snapshot) uri(file string) protocol.DocumentUri {
	if d := snap.docs[file]; d != nil {
		return d.uri // as the client spelled it
	}
	return uriOf(file)
}

func (snap *snapshot) diagnosticsOf(file string) protocol.PublishDiagnosticsParams {
	p := protocol.PublishDiagnosticsParams{URI: snap.uri(file), Diagnostics: []protocol.Diagnostic{}}
	if d := snap.docs[file]; d != nil {
		v := protocol.UInteger(d.version)
		p.Version = &v
	}
	for _, f := range snap.findings[file] {
		p.Diagnostics = append(p.Diagnostics, snap.diagnostic(f))
	}
	return p
}

var severities = map[analyzers.Severity]protocol.DiagnosticSeverity{
	analyzers.SeverityError:   protocol.DiagnosticSeverityError,
	analyzers.SeverityWarning: protocol.DiagnosticSeverityWarning,
	analyzers.SeverityInfo:    protocol.DiagnosticSeverityInformation,
}

func (snap *snapshot) diagnostic(f *analyzers.Finding) protocol.Diagnostic {
	sev := severities[f.Severity]
	src := "meshlint"
	d := protocol.Diagnostic{
		Range:           snap.texts[f.Location.File].rangeOf(f.Location.Range),
		Severity:        &sev,
		Code:            &protocol.IntegerOrString{Value: f.Rule.ID},
		CodeDescription: &protocol.CodeDescription{HRef: f.Rule.DocURL()},
		Source:          &src,
		Message:         f.Message,
	}
	for _, r := range f.Related {
		if r.Location.File == "" {
			continue // an implied resource: no file to point at
		}
		d.RelatedInformation = append(d.RelatedInformation, protocol.DiagnosticRelatedInformation{
			Location: snap.location(r.Location), Message: r.Message,
		})
	}
	return d
}

func (snap *snapshot) location(l graph.Location) protocol.Location {
	return protocol.Location{URI: snap.uri(l.File), Range: snap.texts[l.File].rangeOf(l.Range)}
}
