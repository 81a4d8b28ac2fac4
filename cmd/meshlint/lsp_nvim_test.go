package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/internal/startgc"
)

// nvimScript starts meshlint lsp from Neovim 0.7's own client, opens a
// workspace file, waits for its diagnostics and writes them with the hover
// and code actions on the first, then edits the buffer (unsaved) to mend
// the subset and waits for the diagnostics to be cleared: what a user sees
// while typing.
const nvimScript = `
local env = vim.env
local received = {}
local id = vim.lsp.start_client({
  name = "meshlint",
  cmd = { env.MESHLINT_BIN, "lsp" },
  root_dir = env.MESHLINT_ROOT,
  flags = { debounce_text_changes = 10 },
  handlers = {
    ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
      table.insert(received, result)
      vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
    end,
  },
})
local out = {}
local function say(s) table.insert(out, s) end
vim.cmd("edit " .. env.MESHLINT_FILE)
vim.lsp.buf_attach_client(0, id)
local uri = vim.uri_from_fname(env.MESHLINT_FILE)
local function last_for_file()
  for i = #received, 1, -1 do
    if received[i].uri == uri then return received[i] end
  end
end
if vim.wait(30000, function() local r = last_for_file(); return r and #r.diagnostics > 0 end, 50) then
  for _, d in ipairs(last_for_file().diagnostics) do
    say(string.format("diagnostic %d:%d-%d:%d %s %d %s", d.range.start.line, d.range.start.character,
      d.range["end"].line, d.range["end"].character, d.code, d.severity, d.message))
  end
  say("shown " .. #vim.diagnostic.get(0))
  local d = last_for_file().diagnostics[1]
  local pos = { textDocument = { uri = uri }, position = d.range.start }
  for _, r in pairs(vim.lsp.buf_request_sync(0, "textDocument/hover", pos, 10000) or {}) do
    if r.result then say("hover " .. vim.split(r.result.contents.value, "\n")[1]) end
  end
  local ca = { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } }
  for _, r in pairs(vim.lsp.buf_request_sync(0, "textDocument/codeAction", ca, 10000) or {}) do
    for _, a in ipairs(r.result or {}) do say("action " .. a.title) end
  end
  local n = vim.api.nvim_buf_line_count(0)
  local line = vim.api.nvim_buf_get_lines(0, n - 1, n, false)[1]
  vim.api.nvim_buf_set_lines(0, n - 1, n, false, { (line:gsub("v3", "v1")) })
  if vim.wait(30000, function() local r = last_for_file(); return r and #r.diagnostics == 0 end, 50) then
    say("cleared")
  else
    say("not cleared")
  end
else
  say("no diagnostics")
end
vim.fn.writefile(out, env.MESHLINT_OUT)
vim.lsp.stop_client(id)
vim.wait(5000, function() return vim.lsp.get_client_by_id(id) == nil end, 50)
vim.cmd("qa!")
`

// TestMain lets the test binary stand in for meshlint when a test starts
// it as a program (MESHLINT_TEST_AS_MAIN=1): no go build per run. Like
// main, it first gives the collector back (see internal/startgc).
func TestMain(m *testing.M) {
	startgc.Restore()
	if os.Getenv("MESHLINT_TEST_AS_MAIN") == "1" {
		os.Exit(run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}

// TestIntegrationNeovim drives meshlint lsp from Debian's Neovim 0.7 in
// headless mode. Without nvim it is skipped with a message, except under
// make integration, where that fails it.
func TestIntegrationNeovim(t *testing.T) {
	nvim := needTool(t, "nvim", "apt-get install -y neovim")
	tmp := t.TempDir()
	bin, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	root := writeTree(t, lspWorkspace)
	script, out := filepath.Join(tmp, "test.lua"), filepath.Join(tmp, "out.txt")
	if err := os.WriteFile(script, []byte(nvimScript), 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(nvim, "--headless", "--clean", "-n", "-c", "luafile "+script)
	cmd.Env = append(os.Environ(), "MESHLINT_TEST_AS_MAIN=1", "MESHLINT_BIN="+bin, "MESHLINT_ROOT="+root, "MESHLINT_FILE="+filepath.Join(root, "mesh", "routes.yaml"), "MESHLINT_OUT="+out, "HOME="+tmp)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("nvim: %v\n%s", err, b)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatalf("nvim wrote no result: %v", err)
	}
	got := string(data)
	t.Logf("Neovim received:\n%s", got)
	want := `diagnostic 12:16-12:18 ML1102 2 subset "v3" is not defined in any DestinationRule for host reviews.default.svc.cluster.local`
	for _, w := range []string{want, "shown 1", "hover **ML1102** virtualservice-subset-not-found (warning)", "action Suppress ML1102 with a # meshlint:ignore comment", "cleared"} {
		if !strings.Contains(got, w) {
			t.Errorf("Neovim's result lacks %q:\n%s", w, got)
		}
	}
}
