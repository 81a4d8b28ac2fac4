package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const profileManifest = "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: shop\n  labels:\n    istio-injection: enabled\n"

// TestVerboseTimings: -v prints one line per stage, without it none.
func TestVerboseTimings(t *testing.T) {
	files := map[string]string{"ns.yaml": profileManifest}
	stages := []string{"timing: read", "timing: parse", "timing: graph build", "timing: rules (wall)", "schema (busy)", "rego (busy)", "timing: report"}
	runInTree(t, files, []string{"-v", "ns.yaml"}, 0, stages, nil)
	runInTree(t, files, []string{"ns.yaml"}, 0, nil, []string{"timing:"})
}

// TestProfileFlags: the hidden flags write profiles and stay out of --help.
func TestProfileFlags(t *testing.T) {
	dir := t.TempDir()
	cpu, mem := filepath.Join(dir, "cpu.out"), filepath.Join(dir, "mem.out")
	runInTree(t, map[string]string{"ns.yaml": profileManifest}, []string{"--cpuprofile", cpu, "--memprofile", mem, "ns.yaml"}, 0, nil, nil)
	for _, p := range []string{cpu, mem} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: not written (%v)", p, err)
		}
	}
	var help strings.Builder
	printLintUsage(&help)
	if strings.Contains(help.String(), "profile") {
		t.Errorf("--help shows the hidden profile flags")
	}
	runInTree(t, map[string]string{"ns.yaml": profileManifest}, []string{"--cpuprofile", filepath.Join(dir, "no/such/dir/cpu"), "ns.yaml"}, 2, []string{"--cpuprofile"}, nil)
}
