package lsp

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// reviewsYAML defines the reviews service, its v1 workload and the
// DestinationRule with subset v1; the label lsp-test: broken gives the
// test rule ML9990 a finding with a fix.
const reviewsYAML = `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: default
  labels:
    lsp-test: broken
spec:
  selector:
    app: reviews
  ports:
  - name: http
    port: 9080
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: reviews-v1
  namespace: default
spec:
  selector:
    matchLabels:
      app: reviews
      version: v1
  template:
    metadata:
      labels:
        app: reviews
        version: v1
    spec:
      containers:
      - name: reviews
        image: reviews:1
        ports:
        - containerPort: 9080
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata:
  name: reviews
  namespace: default
spec:
  host: reviews
  subsets:
  - name: v1
    labels:
      version: v1
`

// routesYAML routes to subset SUBSET, defined in the other file for v1.
const routesYAML = `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata:
  name: reviews
  namespace: default
spec:
  hosts:
  - reviews
  http:
  - route:
    - destination:
        host: reviews
        subset: SUBSET
`

func routes(subset string) string { return strings.Replace(routesYAML, "SUBSET", subset, 1) }

func TestEditorSession(t *testing.T) {
	root := t.TempDir()
	reviews, routesFile := filepath.Join(root, "mesh", "reviews.yaml"), filepath.Join(root, "mesh", "routes.yaml")
	writeFile(t, reviews, reviewsYAML)
	writeFile(t, routesFile, routes("v1"))
	c := startServer(t, Options{Load: testLoader, Debounce: 10 * time.Millisecond})
	c.initialize(root)

	// The workspace lint finds the test rule's finding, and nothing in the routes.
	p := c.waitDiagnostics(uriOf(reviews))
	if len(p.Diagnostics) != 1 || code(p.Diagnostics[0]) != "ML9990" {
		t.Fatalf("workspace lint: %+v", p.Diagnostics)
	}
	c.open(routesFile, routes("v1"))
	c.noDiagnostics(300 * time.Millisecond) // still clean: nothing to publish

	c.change(routesFile, 2, routes("v3"))
	p = c.waitDiagnostics(uriOf(routesFile))
	if p.Version == nil || *p.Version != 2 {
		t.Errorf("version %v, want 2", p.Version)
	}
	if len(p.Diagnostics) != 1 {
		t.Fatalf("after breaking the subset: %+v", p.Diagnostics)
	}
	d := p.Diagnostics[0]
	checkSubsetDiagnostic(t, d, reviews)

	checkHover(t, c, routesFile, d.Range)
	checkSuppressAction(t, c, routesFile, d.Range)
	checkFixAction(t, c, reviews)

	c.change(routesFile, 3, routes("v1"))
	if p := c.waitDiagnostics(uriOf(routesFile)); len(p.Diagnostics) != 0 {
		t.Fatalf("after mending the subset: %+v", p.Diagnostics)
	}
	c.shutdown()
	if !slices.Contains(c.requests, protocol.ServerClientRegisterCapability) {
		t.Errorf("the server did not register file watchers; requests: %v", c.requests)
	}
}

func code(d protocol.Diagnostic) any {
	if d.Code == nil {
		return nil
	}
	return d.Code.Value
}

func checkSubsetDiagnostic(t *testing.T, d protocol.Diagnostic, reviews string) {
	t.Helper()
	// subset: v3 is on line 13, columns 17-18 (1-based): 0-based 12:16-12:18.
	want := protocol.Range{Start: protocol.Position{Line: 12, Character: 16}, End: protocol.Position{Line: 12, Character: 18}}
	if d.Range != want {
		t.Errorf("range %+v, want %+v", d.Range, want)
	}
	if code(d) != "ML1102" || d.Severity == nil || *d.Severity != protocol.DiagnosticSeverityError || d.Source == nil || *d.Source != "meshlint" {
		t.Errorf("diagnostic %+v", d)
	}
	if d.CodeDescription == nil || d.CodeDescription.HRef != "https://github.com/meshlint/meshlint/blob/main/docs/rules/ML1102.md" {
		t.Errorf("code description %+v", d.CodeDescription)
	}
	if !strings.Contains(d.Message, `subset "v3"`) {
		t.Errorf("message %q", d.Message)
	}
	if len(d.RelatedInformation) != 1 || d.RelatedInformation[0].Location.URI != uriOf(reviews) || d.RelatedInformation[0].Location.Range.Start.Line != 43 {
		t.Errorf("related %+v, want the DestinationRule's subsets in %s (line 44)", d.RelatedInformation, reviews)
	}
}

func checkHover(t *testing.T, c *client, file string, r protocol.Range) {
	t.Helper()
	var h struct {
		Contents protocol.MarkupContent `json:"contents"`
		Range    *protocol.Range        `json:"range"`
	}
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uriOf(file)}, Position: protocol.Position{Line: r.Start.Line, Character: r.Start.Character + 1}}}, &h)
	v := h.Contents.Value
	for _, want := range []string{"**ML1102** virtualservice-subset-not-found (error)", `subset "v3"`, "# ML1102 virtualservice-subset-not-found", "### Good"} {
		if !strings.Contains(v, want) {
			t.Errorf("hover lacks %q:\n%s", want, v)
		}
	}
	if h.Contents.Kind != protocol.MarkupKindMarkdown || h.Range == nil || *h.Range != r {
		t.Errorf("hover kind %q range %+v", h.Contents.Kind, h.Range)
	}
	// Off the finding: no hover.
	var none any
	c.call(protocol.MethodTextDocumentHover, protocol.HoverParams{TextDocumentPositionParams: protocol.TextDocumentPositionParams{
		TextDocument: protocol.TextDocumentIdentifier{URI: uriOf(file)}, Position: protocol.Position{Line: 0, Character: 0}}}, &none)
	if none != nil {
		t.Errorf("hover off any finding: %v", none)
	}
}

func codeActions(t *testing.T, c *client, file string, r protocol.Range) []protocol.CodeAction {
	t.Helper()
	var actions []protocol.CodeAction
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uriOf(file)}, Range: r}, &actions)
	return actions
}

func checkSuppressAction(t *testing.T, c *client, file string, r protocol.Range) {
	t.Helper()
	// An editor asks for the cursor's position, at the start of the line.
	at := protocol.Range{Start: protocol.Position{Line: r.Start.Line}, End: protocol.Position{Line: r.Start.Line}}
	actions := codeActions(t, c, file, at)
	if len(actions) != 1 || actions[0].Title != "Suppress ML1102 with a # meshlint:ignore comment" {
		t.Fatalf("actions: %+v", actions)
	}
	edits := actions[0].Edit.Changes[uriOf(file)]
	insertAt := protocol.Range{Start: protocol.Position{Line: 12}, End: protocol.Position{Line: 12}}
	if len(edits) != 1 || edits[0].Range != insertAt || edits[0].NewText != "        # meshlint:ignore ML1102 "+SuppressReason+"\n" {
		t.Errorf("suppress edit %+v", edits)
	}
	if got := string(applyEdits(routes("v3"), edits)); !strings.Contains(got, "        host: reviews\n        # meshlint:ignore ML1102 "+SuppressReason+"\n        subset: v3\n") {
		t.Errorf("suppressed text:\n%s", got)
	}
}

func checkFixAction(t *testing.T, c *client, reviews string) {
	t.Helper()
	// labels.lsp-test's value is on line 7 (0-based 6).
	actions := codeActions(t, c, reviews, protocol.Range{Start: protocol.Position{Line: 6, Character: 14}, End: protocol.Position{Line: 6, Character: 14}})
	if len(actions) != 2 || actions[0].Title != "Mend the label" || actions[0].IsPreferred == nil || !*actions[0].IsPreferred {
		t.Fatalf("actions: %+v", actions)
	}
	edits := actions[0].Edit.Changes[uriOf(reviews)]
	want := protocol.Range{Start: protocol.Position{Line: 6, Character: 14}, End: protocol.Position{Line: 6, Character: 20}}
	if len(edits) != 1 || edits[0].Range != want || edits[0].NewText != "mended" {
		t.Fatalf("fix edits %+v", edits)
	}
	// The editor applies the edit to the buffer: the finding goes.
	c.open(reviews, string(applyEdits(reviewsYAML, edits)))
	if p := c.waitDiagnostics(uriOf(reviews)); len(p.Diagnostics) != 0 {
		t.Fatalf("after the fix: %+v", p.Diagnostics)
	}
}

// applyEdits applies non-overlapping edits, as an editor does.
func applyEdits(content string, edits []protocol.TextEdit) []byte {
	out := []byte(content)
	for i := len(edits) - 1; i >= 0; i-- { // from the end, so earlier offsets hold
		out = applyChange(out, edits[i].Range, edits[i].NewText)
	}
	return out
}

func TestConfigReload(t *testing.T) {
	root := t.TempDir()
	reviews := filepath.Join(root, "reviews.yaml")
	writeFile(t, reviews, reviewsYAML)
	c := startServer(t, Options{Load: testLoader, Debounce: 10 * time.Millisecond})
	c.initialize(root)
	if p := c.waitDiagnostics(uriOf(reviews)); len(p.Diagnostics) != 1 {
		t.Fatalf("before: %+v", p.Diagnostics)
	}
	config := filepath.Join(root, ".meshlint.yaml")
	writeFile(t, config, "rules:\n  disable: [ML9990]\n")
	c.notify(protocol.MethodWorkspaceDidChangeWatchedFiles, protocol.DidChangeWatchedFilesParams{Changes: []protocol.FileEvent{{URI: uriOf(config), Type: 1}}})
	if p := c.waitDiagnostics(uriOf(reviews)); len(p.Diagnostics) != 0 {
		t.Fatalf("after disabling the rule: %+v", p.Diagnostics)
	}
	// A config that does not parse is shown, and the previous one stays.
	writeFile(t, config, "rules: [\n")
	c.notify(protocol.MethodTextDocumentDidSave, protocol.DidSaveTextDocumentParams{TextDocument: protocol.TextDocumentIdentifier{URI: uriOf(config)}})
	c.noDiagnostics(300 * time.Millisecond)
	c.mu.Lock()
	msgs := c.messages
	c.mu.Unlock()
	if len(msgs) != 1 || !strings.Contains(msgs[0], ".meshlint.yaml") {
		t.Errorf("messages %q, want one naming the config", msgs)
	}
	c.shutdown()
}

// A client without code action literals gets commands; executing one
// makes the server send the edit back with workspace/applyEdit.
func TestCommandCodeActions(t *testing.T) {
	root := t.TempDir()
	reviews := filepath.Join(root, "reviews.yaml")
	writeFile(t, reviews, reviewsYAML)
	c := startServer(t, Options{Load: testLoader, Debounce: 10 * time.Millisecond})
	c.initializeWith(root, false)
	c.waitDiagnostics(uriOf(reviews))
	var commands []protocol.Command
	at := protocol.Range{Start: protocol.Position{Line: 6}, End: protocol.Position{Line: 6}}
	c.call(protocol.MethodTextDocumentCodeAction, protocol.CodeActionParams{TextDocument: protocol.TextDocumentIdentifier{URI: uriOf(reviews)}, Range: at}, &commands)
	if len(commands) != 2 || commands[0].Command != ApplyEditCommand || commands[0].Title != "Mend the label" {
		t.Fatalf("commands %+v", commands)
	}
	c.call(protocol.MethodWorkspaceExecuteCommand, protocol.ExecuteCommandParams{Command: commands[0].Command, Arguments: commands[0].Arguments}, nil)
	select {
	case e := <-c.edits:
		edits := e.Edit.Changes[uriOf(reviews)]
		if e.Label == nil || *e.Label != "Mend the label" || len(edits) != 1 || edits[0].NewText != "mended" || edits[0].Range.Start != (protocol.Position{Line: 6, Character: 14}) {
			t.Errorf("applyEdit %+v", e)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no workspace/applyEdit")
	}
	c.shutdown()
}

// A JSON manifest gets no suppression comment: JSON has no comments.
func TestNoSuppressionInJSON(t *testing.T) {
	root := t.TempDir()
	file := filepath.Join(root, "labels.json")
	writeFile(t, file, `{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x", "namespace": "default", "labels": {"lsp-test": "broken"}}}`+"\n")
	c := startServer(t, Options{Load: testLoader, Debounce: 10 * time.Millisecond})
	c.initialize(root)
	p := c.waitDiagnostics(uriOf(file))
	if len(p.Diagnostics) != 1 {
		t.Fatalf("diagnostics %+v", p.Diagnostics)
	}
	actions := codeActions(t, c, file, p.Diagnostics[0].Range)
	if len(actions) != 1 || actions[0].Title != "Mend the label" {
		t.Errorf("actions %+v, want the fix alone", actions)
	}
	c.shutdown()
}
