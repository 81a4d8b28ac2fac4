package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// The matchers documented in docs/editors.md are read from the page itself,
// so the page cannot drift from what these tests run.
const editorsDoc = "../../docs/editors.md"

// qfEntry is what a matcher extracts from one line of text output.
type qfEntry struct {
	File     string `json:"file"`
	Line     int    `json:"line"`
	Column   int    `json:"column"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
	Code     string `json:"code,omitempty"`
}

// vscodeTask is the part of the documented tasks.json the test runs.
type vscodeTask struct {
	Tasks []struct {
		Label          string `json:"label"`
		Command        string `json:"command"`
		ProblemMatcher struct {
			Owner        string   `json:"owner"`
			FileLocation []string `json:"fileLocation"`
			Pattern      struct {
				Regexp                                      string `json:"regexp"`
				File, Line, Column, Severity, Message, Code int
			} `json:"pattern"`
		} `json:"problemMatcher"`
	} `json:"tasks"`
}

func readEditorsDoc(t *testing.T) string {
	t.Helper()
	data, err := os.ReadFile(editorsDoc)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// fencedBlock returns the first fenced block of lang that contains marker.
func fencedBlock(t *testing.T, doc, lang, marker string) string {
	t.Helper()
	for _, part := range strings.Split(doc, "```"+lang+"\n")[1:] {
		block, _, _ := strings.Cut(part, "```")
		if strings.Contains(block, marker) {
			return block
		}
	}
	t.Fatalf("%s has no ```%s block with %q", editorsDoc, lang, marker)
	return ""
}

// editorOutput lints, with the documented command, a directory whose file
// names hold spaces and a Windows-style drive and whose messages hold
// colons, brackets and a Windows path; it returns the text output and,
// from the JSON report of the same run, what each line must yield.
func editorOutput(t *testing.T, args []string) (string, []qfEntry) {
	t.Helper()
	dir := t.TempDir()
	for src, dst := range map[string]string{
		"../../examples/bookinfo/virtual-services.yaml":  "my mesh/virtual services.yaml",
		"../../examples/bookinfo/destination-rules.yaml": "my mesh/destination-rules.yaml",
		"../../examples/bookinfo/productpage.yaml":       `C:\work\productpage.yaml`,
		"../../examples/namespaces.yaml":                 `C:\work\namespaces.yaml`,
	} {
		data, err := os.ReadFile(src)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, dst), string(data))
	}
	writeFile(t, filepath.Join(dir, `C:\work\vs:odd [name].yaml`), `apiVersion: networking.istio.io/v1
kind: VirtualService
metadata: {name: odd, namespace: bookinfo}
spec:
  hosts: ["C:\\temp\\x.yaml:3:4: error: not a finding [ML0000 fake]"]
  http:
  - route:
    - destination: {host: ratings}
`)
	t.Chdir(dir)
	code, out, errOut := runCLI(t, "", args...)
	if code != exitClean || out == "" {
		t.Fatalf("meshlint %s: exit %d, no output?\n%s", strings.Join(args, " "), code, errOut)
	}
	_, js, _ := runCLI(t, "", append([]string{"-o", "json"}, args...)...)
	return out, expectedEntries(t, js)
}

func expectedEntries(t *testing.T, js string) []qfEntry {
	t.Helper()
	var rep struct {
		Findings []struct {
			Rule, Name, Severity, Message string
			Location                      struct {
				File         string
				Line, Column int
			}
		}
	}
	if err := json.Unmarshal([]byte(js), &rep); err != nil {
		t.Fatal(err)
	}
	var want []qfEntry
	for _, f := range rep.Findings {
		want = append(want, qfEntry{File: f.Location.File, Line: f.Location.Line, Column: f.Location.Column,
			Severity: f.Severity, Message: strings.Join(strings.FieldsFunc(f.Message, unicode.IsControl), " "), Code: f.Rule})
	}
	return want
}

// checkEntries compares what a matcher extracted with what each line
// must yield, and checks that the output covers the hard cases.
func checkEntries(t *testing.T, tool string, got, want []qfEntry, withCode bool) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%s extracted %d findings, want %d:\n%+v", tool, len(got), len(want), got)
	}
	seen := map[string]bool{}
	for i := range want {
		w := want[i]
		if !withCode {
			w.Message += " [" + w.Code + " " // the message keeps the rule's ID and name
			if !strings.HasPrefix(got[i].Message, w.Message) || !strings.HasSuffix(got[i].Message, "]") {
				t.Errorf("%s, line %d: message %q, want %q...]", tool, i+1, got[i].Message, w.Message)
			}
			w.Message, w.Code = got[i].Message, got[i].Code
		}
		if got[i] != w {
			t.Errorf("%s, line %d:\n got %+v\nwant %+v", tool, i+1, got[i], w)
		}
		seen[w.Severity] = true
		seen["space"] = seen["space"] || strings.Contains(w.File, " ")
		seen["drive"] = seen["drive"] || strings.HasPrefix(w.File, `C:\`)
		seen["colon in message"] = seen["colon in message"] || strings.Contains(w.Message, `"C:\\temp\\x.yaml:3:4: error: not a finding [ML0000 fake]"`)
	}
	for _, k := range []string{"error", "warning", "info", "space", "drive", "colon in message"} {
		if !seen[k] {
			t.Errorf("the output has no finding with %s: the test no longer covers it", k)
		}
	}
}

// TestVSCodeProblemMatcher runs the documented task's command and its
// problem matcher's regular expression with node, as VS Code would
// (JavaScript RegExp semantics).
func TestVSCodeProblemMatcher(t *testing.T) {
	node := needTool(t, "node", "Debian: apt-get install nodejs; the VS Code problem matcher is not checked")
	var tasks vscodeTask
	if err := json.Unmarshal([]byte(fencedBlock(t, readEditorsDoc(t), "json", "problemMatcher")), &tasks); err != nil {
		t.Fatalf("the tasks.json in %s is not valid JSON: %v", editorsDoc, err)
	}
	task := tasks.Tasks[0]
	args := strings.Fields(task.Command)
	if args[0] != "meshlint" || task.ProblemMatcher.Owner != "meshlint" {
		t.Fatalf("task = %+v", task)
	}
	out, want := editorOutput(t, args[1:])
	p, _ := json.Marshal(task.ProblemMatcher.Pattern)
	script := `const p = JSON.parse(process.argv[1]); const re = new RegExp(p.regexp);
const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(l => l !== "");
console.log(JSON.stringify(lines.map(l => { const m = re.exec(l); if (!m) throw new Error("no match: " + l);
  return {file: m[p.File], line: +m[p.Line], column: +m[p.Column], severity: m[p.Severity], message: m[p.Message], code: m[p.Code]}; })));`
	cmd := exec.Command(node, "-e", script, string(p))
	cmd.Stdin = strings.NewReader(out)
	res, err := cmd.Output()
	if err != nil {
		t.Fatalf("node: %v\n%s", err, stderrOf(err))
	}
	var got []qfEntry
	if err := json.Unmarshal(res, &got); err != nil {
		t.Fatalf("%v: %s", err, res)
	}
	checkEntries(t, "VS Code matcher", got, want, true)
}

func stderrOf(err error) string {
	if ee, ok := err.(*exec.ExitError); ok {
		return string(ee.Stderr)
	}
	return ""
}

// vimTypes are the severities of Vim's quickfix types.
var vimTypes = map[string]string{"e": "error", "w": "warning", "i": "info"}

// TestVimErrorformat runs the documented makeprg's command and reads its
// output into the quickfix list with the documented errorformat, in Vim.
func TestVimErrorformat(t *testing.T) {
	vim := needTool(t, "vim", "Debian: apt-get install vim-nox; the errorformat is not checked")
	if v, _ := exec.Command(vim, "--version").Output(); !strings.Contains(string(v), "+eval") {
		if os.Getenv("MESHLINT_INTEGRATION") == "1" {
			t.Fatal("this vim has no +eval (vim-tiny); make integration needs vim-nox")
		}
		t.Skip("this vim has no +eval (vim-tiny): the errorformat is not checked; install vim-nox")
	}
	block := fencedBlock(t, readEditorsDoc(t), "vim", "errorformat")
	var makeprg, efm string
	for _, line := range strings.Split(block, "\n") {
		if v, ok := strings.CutPrefix(line, "setlocal makeprg="); ok {
			makeprg = strings.ReplaceAll(v, `\ `, " ")
		}
		if strings.HasPrefix(line, "setlocal errorformat=") {
			efm = line
		}
	}
	args := strings.Fields(makeprg)
	if len(args) < 2 || args[0] != "meshlint" || efm == "" {
		t.Fatalf("%s: no makeprg=meshlint ... and errorformat lines in:\n%s", editorsDoc, block)
	}
	out, want := editorOutput(t, args[1:])
	// What :make captures: stdout and the summary on stderr.
	_, _, summary := runCLI(t, "", args[1:]...)
	got := vimQuickfix(t, vim, efm, out+summary)
	checkEntries(t, "Vim errorformat", got, want, false)
}

// vimQuickfix loads text into Vim's quickfix list with the errorformat
// command efm and returns the valid entries.
func vimQuickfix(t *testing.T, vim, efm, text string) []qfEntry {
	t.Helper()
	dir := t.TempDir()
	in, res, script := filepath.Join(dir, "out.txt"), filepath.Join(dir, "qf.json"), filepath.Join(dir, "qf.vim")
	writeFile(t, in, text)
	writeFile(t, script, efm+"\n"+
		"cgetfile "+strings.ReplaceAll(in, " ", `\ `)+"\n"+
		"call writefile([json_encode(map(getqflist(), {_, e -> {'file': bufname(e.bufnr), 'line': e.lnum, 'column': e.col, 'type': e.type, 'message': e.text, 'valid': e.valid}}))], '"+res+"')\n"+
		"qa!\n")
	cmd := exec.Command(vim, "-es", "-N", "-u", "NONE", "-i", "NONE", "-S", script)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("vim: %v\n%s", err, out)
	}
	data, err := os.ReadFile(res)
	if err != nil {
		t.Fatalf("vim wrote no quickfix list: %v", err)
	}
	var entries []struct {
		qfEntry
		Type  string `json:"type"`
		Valid int    `json:"valid"`
	}
	if err := json.Unmarshal(data, &entries); err != nil {
		t.Fatalf("%v: %s", err, data)
	}
	var got []qfEntry
	for _, e := range entries {
		if e.Valid != 1 {
			t.Errorf("a line Vim did not read as a finding made it into the list: %+v", e)
			continue
		}
		e.qfEntry.Severity = vimTypes[e.Type]
		got = append(got, e.qfEntry)
	}
	return got
}

// reviewdogVerbs are what reviewdog's errorformat package turns the verbs
// the documented -efm use into (its fmtpattern table): Vim's, except that
// %f matches no unescaped space, lazily, after an optional drive letter.
var reviewdogVerbs = map[byte]string{
	'f': `((?:[[:alpha:]]:)?(?:\\ |[^ ])+?)`, 'l': `(\d+)`, 'c': `(\d+)`, 't': `(.)`, 'm': `(.+)`,
}

// reviewdogRegexp converts an -efm of the verbs above and literal text.
func reviewdogRegexp(t *testing.T, efm string) *regexp.Regexp {
	var b strings.Builder
	b.WriteString("^")
	for i := 0; i < len(efm); i++ {
		if efm[i] != '%' {
			b.WriteString(regexp.QuoteMeta(efm[i : i+1]))
			continue
		}
		i++
		if i == len(efm) || reviewdogVerbs[efm[i]] == "" {
			t.Fatalf("-efm %q uses a verb this test does not know", efm)
		}
		b.WriteString(reviewdogVerbs[efm[i]])
	}
	return regexp.MustCompile(b.String() + "$")
}

// TestReviewdogErrorformat applies the documented -efm list the way
// reviewdog does (the first that matches wins), checks every finding it
// reads, and that it skips exactly those in files whose path has a space,
// as the page warns.
func TestReviewdogErrorformat(t *testing.T) {
	block := fencedBlock(t, readEditorsDoc(t), "sh", "-efm=")
	cmdline, _, _ := strings.Cut(block, "|")
	args := strings.Fields(cmdline)
	var efms []*regexp.Regexp
	for _, m := range regexp.MustCompile(`-efm="([^"]*)"`).FindAllStringSubmatch(block, -1) {
		efms = append(efms, reviewdogRegexp(t, m[1]))
	}
	if len(args) < 2 || args[0] != "meshlint" || len(efms) != 3 {
		t.Fatalf("%s: want `meshlint ... | reviewdog` with 3 -efm, got:\n%s", editorsDoc, block)
	}
	// The documented paths and redirection replaced: the test lints its own directory.
	out, want := editorOutput(t, append(args[1:len(args)-2], "."))
	var got, wantRead []qfEntry
	for i, line := range strings.Split(strings.TrimSuffix(out, "\n"), "\n") {
		if !strings.Contains(want[i].File, " ") {
			wantRead = append(wantRead, want[i])
		}
		for _, re := range efms {
			if m := re.FindStringSubmatch(line); m != nil {
				l, _ := strconv.Atoi(m[2])
				c, _ := strconv.Atoi(m[3])
				got = append(got, qfEntry{File: m[1], Line: l, Column: c, Severity: vimTypes[m[4]], Message: m[5]})
				break
			}
		}
	}
	if len(wantRead) == len(want) || len(wantRead) == 0 {
		t.Fatalf("the output no longer has findings both in files with and without spaces")
	}
	if len(got) != len(wantRead) {
		t.Fatalf("reviewdog reads %d findings, want %d (those in files without spaces):\n%+v", len(got), len(wantRead), got)
	}
	for i, w := range wantRead {
		msg := w.Message + " [" + w.Code + " "
		if !strings.HasPrefix(got[i].Message, msg) || !strings.HasSuffix(got[i].Message, "]") {
			t.Errorf("finding %d: message %q, want %q...]", i+1, got[i].Message, msg)
		}
		got[i].Message, got[i].Code = w.Message, w.Code
		if got[i] != w {
			t.Errorf("finding %d:\n got %+v\nwant %+v", i+1, got[i], w)
		}
	}
}

// needTool returns the path of an external tool a test drives. Without
// it the test is skipped with hint, except under make integration
// (MESHLINT_INTEGRATION=1), where a missing tool fails the run: CI must
// not pass by skipping.
func needTool(t *testing.T, name, hint string) string {
	t.Helper()
	path, err := exec.LookPath(name)
	if err == nil {
		return path
	}
	if os.Getenv("MESHLINT_INTEGRATION") == "1" {
		t.Fatalf("%s is not installed (%s); make integration needs it", name, hint)
	}
	t.Skipf("%s is not installed (%s): skipped", name, hint)
	return ""
}
