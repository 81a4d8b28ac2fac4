package main

import (
	"io"
	"os"
	"path/filepath"
	"runtime"
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

// TestMemProfileTurnsSamplingOn: main turns allocation sampling off;
// --memprofile, and only it, turns it back on for the run.
func TestMemProfileTurnsSamplingOn(t *testing.T) {
	saved := runtime.MemProfileRate
	defer func() { runtime.MemProfileRate = saved }()
	for _, tc := range []struct {
		flags profileFlags
		want  int
	}{
		{profileFlags{}, 0},
		{profileFlags{cpu: filepath.Join(t.TempDir(), "cpu.out")}, 0},
		{profileFlags{mem: filepath.Join(t.TempDir(), "mem.out")}, defaultMemProfileRate},
	} {
		runtime.MemProfileRate = 0
		stop, err := tc.flags.start(io.Discard)
		if err != nil {
			t.Fatal(err)
		}
		if runtime.MemProfileRate != tc.want {
			t.Errorf("%+v: MemProfileRate during the run = %d, want %d", tc.flags, runtime.MemProfileRate, tc.want)
		}
		stop()
	}
}
