// Package lsp is meshlint's language server: the engine of the command
// line (lint.Lint) over the workspace with the editor's unsaved buffers in
// place of their files, its findings published as diagnostics, the rule's
// documentation on hover and its fixes and a suppression as code actions.
//
// The protocol's types are tliron/glsp's (protocol_3_16) and JSON-RPC is
// sourcegraph/jsonrpc2; glsp's own server package is not used, as it
// brings a logging stack, websockets and TCP that a stdio server does not
// need.
package lsp

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	"github.com/tliron/glsp"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/lint"
)

// Workspace is what a front end decides from its flags and the config
// file: the engine's options and the config (for paths and ignore).
type Workspace struct {
	Options lint.Options
	Config  *lint.File // nil when there is none
}

// LoadFunc reads the configuration for a workspace root, as the command
// line would for that directory; the server calls it on start and again
// whenever .meshlint.yaml changes.
type LoadFunc func(root string) (*Workspace, error)

// Options configure a Server.
type Options struct {
	Load LoadFunc
	// Debounce is how long the server waits after a change for the next
	// one before it lints; DefaultDebounce when zero.
	Debounce time.Duration
	Version  string
}

// DefaultDebounce lets a burst of keystrokes cost one lint, and is short
// enough that the diagnostics follow typing.
const DefaultDebounce = 30 * time.Millisecond

// Server is one editor session.
type Server struct {
	opts    Options
	handler protocol.Handler

	mu        sync.Mutex
	conn      *jsonrpc2.Conn
	root      string
	ws        *Workspace
	docs      map[string]*document // open buffers by file path
	last      *snapshot            // what the latest published lint saw and found
	published map[string]string    // the diagnostics (JSON) last sent for each file that has some
	gen       int                  // bumped by every change: a lint of older content is dropped
	timer     *time.Timer
	cancel    context.CancelFunc
	watch     bool // the client registers file watchers on request
	// literalActions: the client takes code actions with edits; others
	// get commands, which apply the edit through workspace/applyEdit.
	literalActions bool
	lastError      string // the last error shown
	shutdown       bool

	pubMu sync.Mutex // one publication at a time, in generation order

	lintMu sync.Mutex      // one lint at a time
	cache  graph.FileCache // the parsed files of the last lint (under lintMu)
}

// document is an open buffer.
type document struct {
	uri     protocol.DocumentUri
	version protocol.Integer
	content []byte
}

// New returns a server; Serve runs it.
func New(opts Options) *Server {
	if opts.Debounce == 0 {
		opts.Debounce = DefaultDebounce
	}
	s := &Server{opts: opts, docs: map[string]*document{}, published: map[string]string{}, last: &snapshot{}}
	s.handler = protocol.Handler{
		Initialize:                     s.initialize,
		Initialized:                    s.initialized,
		Shutdown:                       s.onShutdown,
		SetTrace:                       func(*glsp.Context, *protocol.SetTraceParams) error { return nil },
		TextDocumentDidOpen:            s.didOpen,
		TextDocumentDidChange:          s.didChange,
		TextDocumentDidSave:            s.didSave,
		TextDocumentDidClose:           s.didClose,
		WorkspaceDidChangeWatchedFiles: s.didChangeWatchedFiles,
		TextDocumentHover:              s.hover,
		TextDocumentCodeAction:         s.codeAction,
		WorkspaceExecuteCommand:        s.executeCommand,
	}
	return s
}

// ErrNoShutdown is Serve's error when the client exited (or vanished)
// without asking the server to shut down first; the LSP specification
// wants exit code 1 then.
var ErrNoShutdown = errors.New("the client exited without a shutdown request")

// Serve answers the client on stream until it exits or the stream closes.
func (s *Server) Serve(ctx context.Context, stream io.ReadWriteCloser) error {
	conn := jsonrpc2.NewConn(ctx, jsonrpc2.NewBufferedStream(stream, jsonrpc2.VSCodeObjectCodec{}), jsonrpc2.HandlerWithError(s.handle))
	select {
	case <-conn.DisconnectNotify():
	case <-ctx.Done():
		conn.Close()
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.gen++ // no lint publishes any more
	if s.timer != nil {
		s.timer.Stop()
	}
	if s.cancel != nil {
		s.cancel()
	}
	if !s.shutdown {
		return ErrNoShutdown
	}
	return nil
}

// handle hands a message to glsp's dispatcher, which decodes the
// parameters into the protocol's types.
func (s *Server) handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) (result any, err error) {
	defer func() {
		if r := recover(); r != nil { // a bug answers one request with an error, not the session
			result, err = nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: fmt.Sprintf("meshlint: %s: %v", req.Method, r)}
		}
	}()
	s.mu.Lock()
	s.conn = conn
	s.mu.Unlock()
	if req.Method == protocol.MethodExit {
		return nil, conn.Close()
	}
	gc := &glsp.Context{Method: req.Method, Notify: func(method string, params any) { _ = conn.Notify(ctx, method, params) }}
	if req.Params != nil {
		gc.Params = *req.Params
	}
	r, validMethod, validParams, err := s.handler.Handle(gc)
	switch {
	case !validMethod:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeMethodNotFound, Message: "method not supported: " + req.Method}
	case !validParams:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInvalidParams, Message: fmt.Sprint(err)}
	case err != nil:
		return nil, &jsonrpc2.Error{Code: jsonrpc2.CodeInternalError, Message: err.Error()}
	}
	return r, nil
}

func (s *Server) onShutdown(*glsp.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.shutdown = true
	return nil
}

// notify sends a notification outside any request; a closed connection
// only means the client is gone.
func (s *Server) notify(method string, params any) {
	s.mu.Lock()
	conn := s.conn
	s.mu.Unlock()
	if conn != nil {
		_ = conn.Notify(context.Background(), method, params)
	}
}

// showError tells the user something went wrong that no diagnostic can
// say, such as a config file that does not parse; the same message is
// not repeated by the lints that follow.
func (s *Server) showError(err error) {
	s.mu.Lock()
	repeated := s.lastError == err.Error()
	s.lastError = err.Error()
	s.mu.Unlock()
	if repeated {
		return
	}
	s.notify(protocol.ServerWindowShowMessage, protocol.ShowMessageParams{Type: protocol.MessageTypeError, Message: "meshlint: " + err.Error()})
}

// clearError lets the next error be shown even if it is the last one again:
// what it said was fixed in between.
func (s *Server) clearError() {
	s.mu.Lock()
	s.lastError = ""
	s.mu.Unlock()
}
