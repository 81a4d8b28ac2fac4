package lsp

import (
	"context"
	"os"
	"path/filepath"

	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/lint"
)

func (s *Server) initialize(_ *glsp.Context, p *protocol.InitializeParams) (any, error) {
	root := rootOf(p)
	s.mu.Lock()
	s.root = root
	if w := p.Capabilities.Workspace; w != nil && w.DidChangeWatchedFiles != nil && w.DidChangeWatchedFiles.DynamicRegistration != nil {
		s.watch = *w.DidChangeWatchedFiles.DynamicRegistration
	}
	if td := p.Capabilities.TextDocument; td != nil && td.CodeAction != nil {
		s.literalActions = td.CodeAction.CodeActionLiteralSupport != nil
	}
	s.mu.Unlock()
	change := protocol.TextDocumentSyncKindFull
	yes := true
	version := s.opts.Version
	return protocol.InitializeResult{
		Capabilities: protocol.ServerCapabilities{
			TextDocumentSync:       protocol.TextDocumentSyncOptions{OpenClose: &yes, Change: &change, Save: protocol.SaveOptions{}},
			HoverProvider:          true,
			CodeActionProvider:     protocol.CodeActionOptions{CodeActionKinds: []protocol.CodeActionKind{protocol.CodeActionKindQuickFix}},
			ExecuteCommandProvider: &protocol.ExecuteCommandOptions{Commands: []string{ApplyEditCommand}},
		},
		ServerInfo: &protocol.InitializeResultServerInfo{Name: "meshlint", Version: &version},
	}, nil
}

// rootOf is the workspace folder: the first of workspaceFolders, else
// rootUri, else rootPath, else the working directory.
func rootOf(p *protocol.InitializeParams) string {
	var root string
	switch {
	case len(p.WorkspaceFolders) > 0:
		root = pathOf(p.WorkspaceFolders[0].URI)
	case p.RootURI != nil:
		root = pathOf(*p.RootURI)
	case p.RootPath != nil:
		root = *p.RootPath
	}
	if root == "" {
		root, _ = os.Getwd()
	}
	if abs, err := filepath.Abs(root); err == nil {
		root = abs
	}
	return root
}

// initialized reads the config, lints the workspace and asks the client
// to report changes of config files (when it can watch files).
func (s *Server) initialized(*glsp.Context, *protocol.InitializedParams) error {
	s.reloadConfig()
	s.schedule(0)
	s.mu.Lock()
	watch, conn := s.watch, s.conn
	s.mu.Unlock()
	if watch && conn != nil {
		// Not from this handler: the reply arrives on the connection this
		// handler is blocking.
		go s.registerWatchers()
	}
	return nil
}

func (s *Server) registerWatchers() {
	params := protocol.RegistrationParams{Registrations: []protocol.Registration{{
		ID: "meshlint-files", Method: protocol.MethodWorkspaceDidChangeWatchedFiles,
		RegisterOptions: protocol.DidChangeWatchedFilesRegistrationOptions{Watchers: []protocol.FileSystemWatcher{
			{GlobPattern: "**/" + lint.ConfigFileName}, {GlobPattern: "**/*.{yaml,yml,json}"},
		}},
	}}}
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	_ = conn.Call(context.Background(), protocol.ServerClientRegisterCapability, params, nil)
}

// reloadConfig reads the configuration again. On a mistake the user is
// told, and the previous configuration (or the defaults) stays in force
// so that diagnostics do not vanish while the file is being edited.
func (s *Server) reloadConfig() {
	s.mu.Lock()
	root, load := s.root, s.opts.Load
	s.mu.Unlock()
	ws, err := load(root)
	s.mu.Lock()
	if err == nil {
		s.ws = ws
	} else if s.ws == nil {
		s.ws = &Workspace{Options: lint.DefaultOptions()}
	}
	s.mu.Unlock()
	if err != nil {
		s.showError(err)
	}
}

func (s *Server) didOpen(_ *glsp.Context, p *protocol.DidOpenTextDocumentParams) error {
	s.setDocument(p.TextDocument.URI, p.TextDocument.Version, []byte(p.TextDocument.Text))
	s.schedule(s.opts.Debounce)
	return nil
}

func (s *Server) didChange(_ *glsp.Context, p *protocol.DidChangeTextDocumentParams) error {
	s.mu.Lock()
	var content []byte
	if d := s.docs[pathOf(p.TextDocument.URI)]; d != nil {
		content = d.content
	}
	s.mu.Unlock()
	for _, c := range p.ContentChanges {
		switch c := c.(type) {
		case protocol.TextDocumentContentChangeEventWhole:
			content = []byte(c.Text)
		case protocol.TextDocumentContentChangeEvent:
			content = applyChange(content, *c.Range, c.Text)
		}
	}
	s.setDocument(p.TextDocument.URI, p.TextDocument.Version, content)
	s.schedule(s.opts.Debounce)
	return nil
}

func (s *Server) setDocument(uri protocol.DocumentUri, version protocol.Integer, content []byte) {
	path := pathOf(uri)
	if path == "" {
		return // not a file: an untitled buffer has no place in the workspace
	}
	s.mu.Lock()
	s.docs[path] = &document{uri: uri, version: version, content: content}
	s.mu.Unlock()
}

func (s *Server) didClose(_ *glsp.Context, p *protocol.DidCloseTextDocumentParams) error {
	s.mu.Lock()
	delete(s.docs, pathOf(p.TextDocument.URI))
	s.mu.Unlock()
	s.schedule(s.opts.Debounce) // the file on disk counts again
	return nil
}

// didSave re-reads the config when it was saved. Any other buffer was
// linted as typed already: saving it changes nothing the lint sees.
func (s *Server) didSave(_ *glsp.Context, p *protocol.DidSaveTextDocumentParams) error {
	if filepath.Base(pathOf(p.TextDocument.URI)) == lint.ConfigFileName {
		s.reloadConfig()
		s.schedule(0)
	}
	return nil
}

// didChangeWatchedFiles lints again with what changed on disk (a checkout,
// a file written by another tool), reading the config again if it is
// among the changes.
func (s *Server) didChangeWatchedFiles(_ *glsp.Context, p *protocol.DidChangeWatchedFilesParams) error {
	for _, c := range p.Changes {
		if filepath.Base(pathOf(c.URI)) == lint.ConfigFileName {
			s.reloadConfig()
			break
		}
	}
	s.schedule(s.opts.Debounce)
	return nil
}
