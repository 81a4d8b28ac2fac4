package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestOutFormat: one run writes text to stdout and SARIF to a file, each
// the bytes a run in that format alone writes, with the same exit code.
func TestOutFormat(t *testing.T) {
	dir := t.TempDir()
	sarif := filepath.Join(dir, "meshlint.sarif")
	jsonFile := filepath.Join(dir, "meshlint.json")
	code, out, errOut := runCLI(t, "", "--out-format", "text:stdout,sarif:"+sarif, "--out-format", "json:"+jsonFile, "testdata/broken.yaml")
	if code != exitFindings {
		t.Fatalf("exit %d; want %d\n%s", code, exitFindings, errOut)
	}
	for _, want := range []struct{ format, got string }{
		{"text", out},
		{"sarif", readFile(t, sarif)},
		{"json", readFile(t, jsonFile)},
	} {
		alone, single, _ := runCLI(t, "", "-o", want.format, "testdata/broken.yaml")
		if want.got != single || alone != code {
			t.Errorf("%s: exit %d and output\n%s\nwant exit %d and the output of -o %s alone:\n%s", want.format, code, want.got, alone, want.format, single)
		}
	}
	if _, help, _ := runCLI(t, "", "--help"); !strings.Contains(help, "--out-format FORMAT[:FILE]") || !strings.Contains(help, "--out-format text,sarif:") {
		t.Errorf("--help does not document --out-format:\n%s", help)
	}
	// A format without a file goes to stdout.
	if _, out, _ := runCLI(t, "", "--out-format", "github,sarif:"+sarif, "testdata/broken.yaml"); !strings.HasPrefix(out, "::warning file=testdata/broken.yaml") {
		t.Errorf("github to stdout: %q", out)
	}
}

func TestOutFormatErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		name string
		args []string
		want string // in stderr; the exit code is 2
	}{
		{"unknown format", []string{"--out-format", "text,xml:" + filepath.Join(dir, "a.xml")}, `meshlint: --out-format: unknown format "xml" (want text, json, sarif`},
		{"unwritable file", []string{"--out-format", "sarif:" + filepath.Join(dir, "missing", "a.sarif")}, "meshlint: --out-format: " + filepath.Join(dir, "missing", "a.sarif") + ": no such file or directory"},
		{"two to stdout", []string{"--out-format", "text,json:stdout"}, "--out-format: only one format can go to stdout"},
		{"one file twice", []string{"--out-format", "json:a.json,sarif:a.json"}, "--out-format: a.json is named twice"},
		{"with --format", []string{"--out-format", "json", "-o", "text"}, "do not combine it with --format or --output"},
		{"with --output", []string{"--out-format", "json", "--output", filepath.Join(dir, "b.json")}, "do not combine it with --format or --output"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, "", append(tt.args, "testdata/broken.yaml")...)
			if code != exitUsage || out != "" || !strings.Contains(errOut, tt.want) {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit 2, nothing on stdout and %q", code, out, errOut, tt.want)
			}
		})
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("a failed run left files behind: %v", entries)
	}
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// TestJSONPathOfListItem: the path of a finding on a List item starts at
// the top of the document, with the item's items[i].
func TestJSONPathOfListItem(t *testing.T) {
	list := "apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: Service\n  metadata: {name: a}\n" +
		"- apiVersion: networking.istio.io/v1\n  kind: VirtualService\n  metadata: {name: r}\n" +
		"  spec:\n    hosts: [r]\n    http:\n    - route:\n      - destination: {host: nowhere}\n"
	code, out, errOut := runCLI(t, list, "-o", "json", "-")
	if code != 1 || !strings.Contains(out, `"path": "items[1].spec.http[0].route[0].destination.host"`) {
		t.Errorf("code %d, stdout %s, stderr %s; want the path under items[1]", code, out, errOut)
	}
}

func TestMarkdownLinkBase(t *testing.T) {
	gh := map[string]string{"GITHUB_SERVER_URL": "https://github.com", "GITHUB_REPOSITORY": "o/r", "GITHUB_SHA": "abc", "GITHUB_WORKSPACE": "/w/r"}
	gl := map[string]string{"CI_PROJECT_URL": "https://gitlab.com/g/p", "CI_COMMIT_SHA": "def", "CI_PROJECT_DIR": "/builds/g/p"}
	tests := []struct {
		flag, wd string
		env      map[string]string
		want     string
	}{
		{"", "/w/r", nil, ""},
		{"https://x/", "/w/r", gh, "https://x/"},
		{"", "/w/r", gh, "https://github.com/o/r/blob/abc/"},
		{"", "/w/r/deploy/prod", gh, "https://github.com/o/r/blob/abc/deploy/prod/"},
		{"", "/elsewhere", gh, ""}, // paths relative to a directory outside the checkout
		{"", "/builds/g/p", gl, "https://gitlab.com/g/p/-/blob/def/"},
		{"", "/builds/g/p/k8s", gl, "https://gitlab.com/g/p/-/blob/def/k8s/"},
	}
	for _, tt := range tests {
		getenv := func(k string) string { return tt.env[k] }
		if got := markdownLinkBase(tt.flag, getenv, tt.wd); got != tt.want {
			t.Errorf("markdownLinkBase(%q, %v, %q) = %q, want %q", tt.flag, tt.env, tt.wd, got, tt.want)
		}
	}
}
