package lsp

import (
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/lint"
)

// client drives a Server as an editor does, over an in-memory pipe.
type client struct {
	t     testing.TB
	conn  *jsonrpc2.Conn
	diags chan protocol.PublishDiagnosticsParams
	edits chan protocol.ApplyWorkspaceEditParams
	done  chan error // Serve's result

	mu       sync.Mutex
	requests []string // methods the server called on the client
	messages []string // window/showMessage texts
}

// pipe joins two half-duplex pipes into one stream for each side;
// closing it closes both, so that the other side's writes fail rather
// than wait forever for a reader that is gone.
type pipe struct {
	*io.PipeReader
	*io.PipeWriter
}

func (p pipe) Close() error {
	p.PipeReader.Close()
	return p.PipeWriter.Close()
}

func startServer(t testing.TB, opts Options) *client {
	t.Helper()
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	c := &client{t: t, diags: make(chan protocol.PublishDiagnosticsParams, 100), edits: make(chan protocol.ApplyWorkspaceEditParams, 10), done: make(chan error, 1)}
	srv := New(opts)
	go func() { c.done <- srv.Serve(context.Background(), pipe{serverIn, serverOut}) }()
	c.conn = jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(pipe{clientIn, clientOut}, jsonrpc2.VSCodeObjectCodec{}), c)
	t.Cleanup(func() { c.conn.Close() })
	return c
}

// Handle takes the server's notifications in order, and answers its
// requests from a goroutine, as an editor's client does: with unbuffered
// pipes, a reply written from the read loop could wait for a server busy
// writing to this very loop.
func (c *client) Handle(ctx context.Context, conn *jsonrpc2.Conn, req *jsonrpc2.Request) {
	if req.Notif {
		_, _ = c.handle(ctx, conn, req)
		return
	}
	go func() {
		result, _ := c.handle(ctx, conn, req)
		_ = conn.Reply(ctx, req.ID, result)
	}()
}

func (c *client) handle(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
	switch req.Method {
	case protocol.ServerTextDocumentPublishDiagnostics:
		var p protocol.PublishDiagnosticsParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("publishDiagnostics: %v", err)
		}
		// glsp's IntegerOrString decodes into a copy: read the codes apart.
		var codes struct{ Diagnostics []struct{ Code any } }
		_ = json.Unmarshal(*req.Params, &codes)
		for i, d := range codes.Diagnostics {
			p.Diagnostics[i].Code = &protocol.IntegerOrString{Value: d.Code}
		}
		c.diags <- p
	case protocol.ServerWindowShowMessage:
		var p protocol.ShowMessageParams
		_ = json.Unmarshal(*req.Params, &p)
		c.mu.Lock()
		c.messages = append(c.messages, p.Message)
		c.mu.Unlock()
	case protocol.ServerWorkspaceApplyEdit:
		var p protocol.ApplyWorkspaceEditParams
		if err := json.Unmarshal(*req.Params, &p); err != nil {
			c.t.Errorf("applyEdit: %v", err)
		}
		c.edits <- p
		return protocol.ApplyWorkspaceEditResponse{Applied: true}, nil
	default:
		c.mu.Lock()
		c.requests = append(c.requests, req.Method)
		c.mu.Unlock()
	}
	return nil, nil
}

func (c *client) call(method string, params, result any) {
	c.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := c.conn.Call(ctx, method, params, result); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

func (c *client) notify(method string, params any) {
	c.t.Helper()
	if err := c.conn.Notify(context.Background(), method, params); err != nil {
		c.t.Fatalf("%s: %v", method, err)
	}
}

// waitDiagnostics returns the next diagnostics published for uri, failing
// on any published for another file in the meantime unless skipOthers.
func (c *client) waitDiagnostics(uri protocol.DocumentUri) protocol.PublishDiagnosticsParams {
	c.t.Helper()
	timeout := time.After(30 * time.Second)
	for {
		select {
		case p := <-c.diags:
			if p.URI == uri {
				return p
			}
			c.t.Fatalf("diagnostics for %s while waiting for %s: %+v", p.URI, uri, p.Diagnostics)
		case <-timeout:
			c.t.Fatalf("no diagnostics for %s within 30s", uri)
		}
	}
}

// noDiagnostics checks that nothing is published for a while.
func (c *client) noDiagnostics(wait time.Duration) {
	c.t.Helper()
	select {
	case p := <-c.diags:
		c.t.Fatalf("unexpected diagnostics for %s: %+v", p.URI, p.Diagnostics)
	case <-time.After(wait):
	}
}

func (c *client) initialize(root string) { c.initializeWith(root, true) }

// initializeWith starts the session; literal says whether the client
// takes code actions with edits (else it gets commands).
func (c *client) initializeWith(root string, literal bool) {
	c.t.Helper()
	caps := map[string]any{
		"workspace": map[string]any{"didChangeWatchedFiles": map[string]any{"dynamicRegistration": true}, "applyEdit": true},
	}
	if literal {
		caps["textDocument"] = map[string]any{"codeAction": map[string]any{"codeActionLiteralSupport": map[string]any{
			"codeActionKind": map[string]any{"valueSet": []string{"quickfix"}}}}}
	}
	params := map[string]any{"processId": nil, "rootUri": uriOf(root), "capabilities": caps}
	var res protocol.InitializeResult
	c.call(protocol.MethodInitialize, params, &res)
	c.notify(protocol.MethodInitialized, protocol.InitializedParams{})
}

func (c *client) shutdown() {
	c.t.Helper()
	c.call(protocol.MethodShutdown, nil, nil)
	c.notify(protocol.MethodExit, nil)
	select {
	case err := <-c.done:
		if err != nil {
			c.t.Fatalf("Serve: %v", err)
		}
	case <-time.After(10 * time.Second):
		c.t.Fatal("the server did not stop on exit")
	}
}

func (c *client) open(path, content string) {
	c.notify(protocol.MethodTextDocumentDidOpen, protocol.DidOpenTextDocumentParams{TextDocument: protocol.TextDocumentItem{
		URI: uriOf(path), LanguageID: "yaml", Version: 1, Text: content}})
}

func (c *client) change(path string, version protocol.Integer, content string) {
	c.notify(protocol.MethodTextDocumentDidChange, protocol.DidChangeTextDocumentParams{
		TextDocument:   protocol.VersionedTextDocumentIdentifier{TextDocumentIdentifier: protocol.TextDocumentIdentifier{URI: uriOf(path)}, Version: version},
		ContentChanges: []any{protocol.TextDocumentContentChangeEventWhole{Text: content}},
	})
}

// testLoader reads a workspace's config much as the command line does
// (the CLI's own loader is tested through the binary), and adds rule
// ML9990 to every run: a rule with a fix, as few built-in rules have one.
func testLoader(root string) (*Workspace, error) {
	opts := lint.DefaultOptions()
	all, err := lint.Catalog(nil)
	if err != nil {
		return nil, err
	}
	opts.Rules = append(all, fixableRule)
	path := lint.FindConfig(root)
	if path == "" {
		return &Workspace{Options: opts}, nil
	}
	cf, err := lint.ReadConfigFile(path)
	if err != nil {
		return nil, err
	}
	opts.Disable = cf.Rules.Disable
	return &Workspace{Options: opts, Config: cf}, cf.ApplyTo(&opts)
}

// fixableRule reports the label lsp-test: broken and offers to mend it.
var fixableRule = &analyzers.Rule{
	ID: "ML9990", Name: "test-fixable", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "a label the test breaks, with a fix",
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.All() {
			if r.Labels["lsp-test"] == "broken" && r.Implied == "" {
				f := p.Report(r, "metadata.labels.lsp-test", "label lsp-test is broken; write mended")
				f.Fixes = []analyzers.SuggestedFix{{Message: "Mend the label", Edits: []analyzers.TextEdit{{Location: f.Location, NewText: "mended"}}}}
			}
		}
	},
}

func writeFile(t testing.TB, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
