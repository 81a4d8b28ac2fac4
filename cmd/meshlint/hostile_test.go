package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The command's part of the hostile-input suite (testdata/hostile/README.md):
// exit codes and messages for odd paths, and the limit flags and keys.
// lint/hostile_test.go covers what the engine answers for odd content.

// cliWatchdog only catches hangs (a blocking open, a walk that loops).
const cliWatchdog = 60 * time.Second

// runBounded runs the command like runCLI, failing the test if it does not
// return within cliWatchdog.
func runBounded(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	type result struct {
		code        int
		out, errOut string
	}
	done := make(chan result, 1)
	go func() {
		var out, errOut bytes.Buffer
		code := run(args, strings.NewReader(""), &out, &errOut)
		done <- result{code, out.String(), errOut.String()}
	}()
	select {
	case r := <-done:
		return r.code, r.out, r.errOut
	case <-time.After(cliWatchdog):
		t.Fatalf("meshlint %s did not return within %v", strings.Join(args, " "), cliWatchdog)
		return 0, "", ""
	}
}

// hostileDir makes a temporary directory holding an empty .meshlint.yaml,
// so that no config file above it (in the system's temporary directory)
// changes the outcome, and the given files.
func hostileDir(t *testing.T, files map[string]string) string {
	t.Helper()
	if _, ok := files[".meshlint.yaml"]; !ok {
		files[".meshlint.yaml"] = ""
	}
	return writeTree(t, files)
}

// shown is how a report names path: relative to the working directory
// when it lies below it, as the output contract wants.
func shown(path string) string {
	if wd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(rel, "..") {
			return filepath.ToSlash(rel)
		}
	}
	return filepath.ToSlash(path)
}

const (
	cleanService = "apiVersion: v1\nkind: Service\nmetadata: {name: clean}\n"
	brokenYAML   = "apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\n   namespace: x\n"
)

// expectExit checks the exit code and that stdout and stderr contain the
// given strings; an exit 2 must be one line on stderr and nothing on stdout.
func expectExit(t *testing.T, code int, out, errOut string, wantCode int, wantOut, wantErr []string) {
	t.Helper()
	if code != wantCode {
		t.Errorf("exit code %d; want %d\nstdout: %s\nstderr: %s", code, wantCode, out, errOut)
	}
	for _, s := range wantOut {
		if !strings.Contains(out, s) {
			t.Errorf("stdout %q does not contain %q", out, s)
		}
	}
	for _, s := range wantErr {
		if !strings.Contains(errOut, s) {
			t.Errorf("stderr %q does not contain %q", errOut, s)
		}
	}
	if wantCode == exitUsage && (out != "" || strings.Count(strings.TrimSpace(errOut), "\n") != 0) {
		t.Errorf("exit 2 must print one line on stderr and nothing on stdout; got stdout %q, stderr %q", out, errOut)
	}
}

// TestHostileDirectoryNamedYAML: a directory whose name ends in .yaml is a
// directory, named explicitly or met in a walk: walked, never read as a file.
func TestHostileDirectoryNamedYAML(t *testing.T) {
	dir := hostileDir(t, map[string]string{"x.yaml/bad.yaml": brokenYAML, "x.yaml/sub.yml/ok.yaml": cleanService})
	bad := shown(filepath.Join(dir, "x.yaml", "bad.yaml")) + ":5:"
	for _, path := range []string{dir, filepath.Join(dir, "x.yaml")} {
		code, out, errOut := runBounded(t, path)
		expectExit(t, code, out, errOut, exitFindings, []string{bad, "ML0001"}, []string{"2 files, 1 resource"})
	}
}

// limitsFixture is clean by default; each limit below makes exactly one
// ML0006, at the place it is hit.
const limitsFixture = `apiVersion: v1
kind: Service
metadata: {name: a}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: b
  labels: &labels {app: b, version: v1, tier: web}
spec:
  selector:
    matchLabels: *labels
  template:
    metadata:
      labels: *labels
    spec:
      containers:
      - name: b
        image: b:1
---
apiVersion: v1
kind: Service
metadata: {name: c}
`

// limitCases are the five limits, as flag and config key, with a value
// the fixture exceeds and where the finding must be.
var limitCases = []struct {
	flag, key, value string
	at               string // line:column
	message          string
}{
	{"--max-file-size", "maxFileBytes", "10", "1:1", "file is larger than the limit of 10 bytes"},
	{"--max-documents", "maxDocuments", "2", "20:1", "file has more than 2 documents"},
	{"--max-nodes", "maxNodes", "20", "5:1", "document has about 38 YAML nodes, over the limit of 20"},
	{"--max-depth", "maxDepth", "3", "15:7", "document nests deeper than 3 levels here"},
	{"--max-alias-expansion", "maxAliasExpansion", "5", "5:1", "document not analyzed: its aliases expand to more than 5 extra nodes"},
}

func TestHostileLimitFlags(t *testing.T) {
	dir := hostileDir(t, map[string]string{"f.yaml": limitsFixture})
	file := filepath.Join(dir, "f.yaml")
	code, out, errOut := runBounded(t, file)
	expectExit(t, code, out, errOut, exitClean, nil, []string{"3 resources: 0 errors"})
	for _, c := range limitCases {
		t.Run(c.flag, func(t *testing.T) {
			code, out, errOut := runBounded(t, c.flag, c.value, file)
			want := fmt.Sprintf("%s:%s: error: %s", shown(file), c.at, c.message)
			expectExit(t, code, out, errOut, exitFindings, []string{want, "[ML0006 input-limit-exceeded]"}, []string{"1 error"})
			if n := strings.Count(out, "\n"); n != 1 {
				t.Errorf("%d findings; want only the ML0006:\n%s", n, out)
			}
		})
	}
}

func TestHostileLimitFlagsRefuseNonPositive(t *testing.T) {
	dir := hostileDir(t, map[string]string{"f.yaml": limitsFixture})
	for _, c := range limitCases {
		for _, v := range []string{"0", "-1"} {
			code, out, errOut := runBounded(t, c.flag, v, filepath.Join(dir, "f.yaml"))
			expectExit(t, code, out, errOut, exitUsage, nil, []string{fmt.Sprintf("meshlint: %s: must be a positive number, not %s", c.flag, v)})
		}
	}
}

// TestHostileLimitConfigKeys: the same limits from `limits:` in
// .meshlint.yaml; a flag wins over its key, and a key of 0 is an error
// naming its line.
func TestHostileLimitConfigKeys(t *testing.T) {
	for _, c := range limitCases {
		t.Run(c.key, func(t *testing.T) {
			dir := hostileDir(t, map[string]string{
				"f.yaml":         limitsFixture,
				".meshlint.yaml": fmt.Sprintf("limits:\n  %s: %s\n", c.key, c.value),
			})
			file := filepath.Join(dir, "f.yaml")
			code, out, errOut := runBounded(t, file)
			want := fmt.Sprintf("%s:%s: error: %s", shown(file), c.at, c.message)
			expectExit(t, code, out, errOut, exitFindings, []string{want, "ML0006"}, nil)

			code, out, errOut = runBounded(t, c.flag, "100000000", file)
			expectExit(t, code, out, errOut, exitClean, nil, []string{"0 errors"})

			if err := os.WriteFile(filepath.Join(dir, ".meshlint.yaml"), []byte(fmt.Sprintf("limits:\n  %s: 0\n", c.key)), 0o644); err != nil {
				t.Fatal(err)
			}
			code, out, errOut = runBounded(t, file)
			expectExit(t, code, out, errOut, exitUsage, nil, []string{fmt.Sprintf(".meshlint.yaml:2: limits.%s: must be a positive number, not 0", c.key)})
		})
	}
}

// hostileFixtures are the committed hostile cases (lint/hostile_test.go
// checks their findings); those listed here must lint clean.
const hostileFixtures = "../../testdata/hostile"

var cleanHostileFixtures = map[string]bool{"empty.yaml": true, "comments-only.yaml": true, "document-marker-only.yaml": true}

// TestHostileFixturesExitCodes: whatever a file holds (binary, NUL bytes,
// invalid UTF-8), it is content with findings, exit 1, never an unreadable
// input, exit 2; an empty file, comments only or `---` alone exit 0. The
// whole directory at once is no different, except that the walk skips
// the binary file, which holds no manifest, and says so.
func TestHostileFixturesExitCodes(t *testing.T) {
	entries, err := os.ReadDir(hostileFixtures)
	if err != nil {
		t.Fatal(err)
	}
	files := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || e.Name() == "README.md" || e.Name() == ".gitattributes" {
			continue
		}
		files++
		want := exitFindings
		if cleanHostileFixtures[e.Name()] {
			want = exitClean
		}
		code, out, errOut := runBounded(t, filepath.Join(hostileFixtures, e.Name()))
		if code != want || !strings.HasPrefix(errOut, "meshlint: 1 file, ") {
			t.Errorf("%s: exit code %d, stderr %q; want %d and the summary\nstdout: %s", e.Name(), code, errOut, want, out)
		}
	}
	code, out, errOut := runBounded(t, hostileFixtures)
	expectExit(t, code, out, errOut, exitFindings, []string{"nul-bytes.yaml:4:14: error: "}, []string{fmt.Sprintf("meshlint: %d files, ", files), "1 document skipped, not Kubernetes objects"})
	if strings.Contains(out, "binary.yaml") {
		t.Errorf("the walk reported binary.yaml, which holds no manifest:\n%s", out)
	}
}

// TestHostileSettingsFileAliasBombs: the files flags name are YAML too; a
// "billion laughs" in one of them must end in an error or a bounded run,
// not in memory exhaustion.
func TestHostileSettingsFileAliasBombs(t *testing.T) {
	var bomb strings.Builder
	bomb.WriteString("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n")
	for i := 1; i < 10; i++ {
		fmt.Fprintf(&bomb, "a%d: &a%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*a%d, ", i-1), 10), ", "))
	}
	indented := "        " + strings.ReplaceAll(strings.TrimSpace(bomb.String()), "\n", "\n        ") + "\n"
	dir := hostileDir(t, map[string]string{
		"tree/ok.yaml": cleanService,
		"config.yaml":  bomb.String(),
		"mesh.yaml":    "defaultConfig:\n  proxyMetadata: {}\n" + bomb.String(),
		"crd.yaml": "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata: {name: xs.example.com}\n" +
			"spec:\n  group: example.com\n  names: {kind: X, plural: xs}\n  scope: Namespaced\n  versions:\n  - name: v1\n" +
			"    served: true\n    storage: true\n    schema:\n      openAPIV3Schema:\n        type: object\n" + indented,
	})
	tree := filepath.Join(dir, "tree")
	for _, tt := range []struct {
		flag, file string
		code       int
		wantErr    string
	}{
		{"--config", "config.yaml", exitUsage, `unknown key "a0"`},
		{"--mesh-config", "mesh.yaml", exitClean, "1 file, 1 resource"},
		{"--crd", "crd.yaml", exitUsage, "excessive aliasing"},
	} {
		code, out, errOut := runBounded(t, tt.flag, filepath.Join(dir, tt.file), tree)
		expectExit(t, code, out, errOut, tt.code, nil, []string{tt.wantErr})
	}
}
