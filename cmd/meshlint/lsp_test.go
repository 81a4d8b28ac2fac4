package main

import (
	"context"
	"encoding/json"
	"io"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sourcegraph/jsonrpc2"
)

// lspWorkspace is a VirtualService routing to a subset that the
// DestinationRule in another file does not define, and a config that
// lowers the rule to a warning.
var lspWorkspace = map[string]string{
	".meshlint.yaml": "rules:\n  severity: {ML1102: warning}\n",
	"mesh/reviews.yaml": `apiVersion: v1
kind: Service
metadata:
  name: reviews
  namespace: default
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
    matchLabels: {app: reviews, version: v1}
  template:
    metadata:
      labels: {app: reviews, version: v1}
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
`,
	"mesh/routes.yaml": `apiVersion: networking.istio.io/v1
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
        subset: v3
`,
}

type rwc struct {
	io.Reader
	io.WriteCloser
}

// TestLSPCommand runs `meshlint lsp` in process: the workspace lint reads
// .meshlint.yaml through the command line's own config loading.
func TestLSPCommand(t *testing.T) {
	root := writeTree(t, lspWorkspace)
	serverIn, clientOut := io.Pipe()
	clientIn, serverOut := io.Pipe()
	exit := make(chan int, 1)
	go func() { exit <- run([]string{"lsp"}, serverIn, serverOut, io.Discard) }()
	diags := make(chan json.RawMessage, 10)
	conn := jsonrpc2.NewConn(context.Background(), jsonrpc2.NewBufferedStream(rwc{clientIn, clientOut}, jsonrpc2.VSCodeObjectCodec{}),
		jsonrpc2.HandlerWithError(func(_ context.Context, _ *jsonrpc2.Conn, req *jsonrpc2.Request) (any, error) {
			if req.Method == "textDocument/publishDiagnostics" {
				diags <- *req.Params
			}
			return nil, nil
		}))
	defer conn.Close()
	ctx := context.Background()
	if err := conn.Call(ctx, "initialize", map[string]any{"processId": nil, "rootUri": "file://" + filepath.ToSlash(root), "capabilities": map[string]any{}}, nil); err != nil {
		t.Fatal(err)
	}
	_ = conn.Notify(ctx, "initialized", map[string]any{})
	var got struct {
		URI         string
		Diagnostics []struct {
			Code     string
			Severity int
		}
	}
	select {
	case raw := <-diags:
		if err := json.Unmarshal(raw, &got); err != nil {
			t.Fatal(err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("no diagnostics")
	}
	if !strings.HasSuffix(got.URI, "/mesh/routes.yaml") || len(got.Diagnostics) != 1 || got.Diagnostics[0].Code != "ML1102" || got.Diagnostics[0].Severity != 2 {
		t.Errorf("diagnostics %+v, want ML1102 as a warning (the config's severity) in routes.yaml", got)
	}
	if err := conn.Call(ctx, "shutdown", nil, nil); err != nil {
		t.Fatal(err)
	}
	_ = conn.Notify(ctx, "exit", nil)
	select {
	case code := <-exit:
		if code != 0 {
			t.Errorf("exit code %d", code)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("meshlint lsp did not exit")
	}
}

func TestLSPHelp(t *testing.T) {
	code, out, _ := runCLI(t, "", "lsp", "--help")
	if code != 0 || !strings.Contains(out, "language server") || !strings.Contains(out, "--config") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, "", "lsp", "some/path"); code != exitUsage || !strings.Contains(errOut, "takes no PATH") {
		t.Errorf("exit %d: %s", code, errOut)
	}
}
