package lsp

import (
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// BenchmarkRelintAfterChange measures what a user waits for: from a
// keystroke's didChange to the diagnostics it causes, debounce included,
// in a workspace of 1,000 resources (the scale generator's mesh, written
// by lint's TestWriteScaleMesh, or MESHLINT_LSP_MESH=DIR to reuse one).
// Each iteration breaks a subset reference or mends it, so every change
// publishes. The median is reported as median-ms (the target: under 200).
func BenchmarkRelintAfterChange(b *testing.B) {
	dir := scaleMesh(b, 1000)
	file := filepath.Join(dir, "team-00", "svc-003.yaml")
	data, err := os.ReadFile(file)
	if err != nil {
		b.Fatal(err)
	}
	good := string(data)
	bad := strings.Replace(good, "subset: v1", "subset: v9", 1)
	c := startServer(b, Options{Load: testLoader})
	c.initialize(dir)
	c.open(file, good)
	version := protocol.Integer(1)
	edit := func(content string) time.Duration {
		version++
		start := time.Now()
		c.change(file, version, content)
		c.waitDiagnostics(uriOf(file))
		return time.Since(start)
	}
	edit(bad) // the workspace lint is done, and the code warm
	edit(good)
	var times []time.Duration
	cpu0 := cpuTime()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		content := bad
		if i%2 == 1 {
			content = good
		}
		times = append(times, edit(content))
	}
	b.StopTimer()
	// CPU time per change tells apart the server's cost and a busy machine's.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/1000/float64(b.N), "cpu-ms/change")
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	b.ReportMetric(float64(times[len(times)/2].Microseconds())/1000, "median-ms")
	c.shutdown()
}

// scaleMesh writes the scale generator's mesh of n resources to a
// temporary directory through lint's TestWriteScaleMesh, the one place
// that generates it.
func scaleMesh(b *testing.B, n int) string {
	if dir := os.Getenv("MESHLINT_LSP_MESH"); dir != "" {
		return dir
	}
	dir := b.TempDir()
	cmd := exec.Command("go", "test", "-count=1", "-run", "^TestWriteScaleMesh$", "../../lint")
	cmd.Env = append(os.Environ(), "MESHLINT_WRITE_MESH="+dir, "MESHLINT_MESH_RESOURCES="+strconv.Itoa(n))
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("writing the mesh: %v\n%s", err, out)
	}
	return dir
}
