package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/report"
)

// TestDeterministicOutput lints the example mesh with its files named in
// different orders, and at different parallelism: every format must come
// out byte for byte the same. The apply-order rules (ML7xxx) are off: the
// order of the files is what they judge (TestApplyOrderFollowsArguments
// in lint).
func TestDeterministicOutput(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("..", "..", "examples", "*", "*.yaml"))
	if err != nil || len(files) < 3 {
		t.Fatalf("example files: %v %v", files, err)
	}
	top, _ := filepath.Glob(filepath.Join("..", "..", "examples", "*.yaml"))
	files = append(files, top...)
	orders := [][]string{files, reversed(files), rotated(files, len(files)/2),
		append([]string{filepath.Join("..", "..", "examples")}, files...)} // a directory plus its files again
	for _, format := range report.Formats() {
		var want string
		for i, order := range orders {
			for _, procs := range []int{1, 4} {
				prev := runtime.GOMAXPROCS(procs)
				code, out, _ := runCLI(t, "", append([]string{"-o", format, "--disable", applyOrderRules()}, order...)...)
				runtime.GOMAXPROCS(prev)
				if code != 1 {
					t.Fatalf("%s order %d: exit %d", format, i, code)
				}
				if want == "" {
					want = out
				} else if out != want {
					t.Fatalf("%s output differs for order %d with GOMAXPROCS=%d", format, i, procs)
				}
			}
		}
	}
}

// applyOrderRules lists the IDs of the apply-order rules.
func applyOrderRules() string {
	var ids []string
	for _, r := range catalog.All() {
		if r.Category().Digit == '7' {
			ids = append(ids, r.ID)
		}
	}
	return strings.Join(ids, ",")
}

func reversed(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[len(s)-1-i] = v
	}
	return out
}

func rotated(s []string, n int) []string {
	return append(append([]string{}, s[n:]...), s[:n]...)
}

// TestStdinAndFileAgree: the same content read from stdin or a file gives
// the same findings (only the file name differs).
func TestStdinAndFileAgree(t *testing.T) {
	data, err := os.ReadFile("testdata/broken.yaml")
	if err != nil {
		t.Fatal(err)
	}
	_, fromFile, _ := runCLI(t, "", "-o", "text", "testdata/broken.yaml")
	_, fromStdin, _ := runCLI(t, string(data), "-o", "text", "-")
	if want := strings.ReplaceAll(fromFile, "testdata/broken.yaml", "<stdin>"); fromStdin != want {
		t.Fatalf("stdin:\n%s\nfile:\n%s", fromStdin, fromFile)
	}
}
