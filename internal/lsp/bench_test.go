package lsp

import (
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/meshlint/meshlint/internal/scalemesh"

	protocol "github.com/tliron/glsp/protocol_3_16"
)

// BenchmarkRelintAfterChange measures what a user waits for: from a
// keystroke's didChange to the diagnostics it causes, debounce included,
// in a workspace of 1,000 resources (the scale generator's mesh, or
// MESHLINT_LSP_MESH=DIR to reuse one).
// Each iteration breaks a subset reference or mends it, so every change
// publishes. The median is reported as median-ms (the target: under 200).
func BenchmarkRelintAfterChange(b *testing.B) {
	dir := scaleMesh(b, 1000)
	file, good := fileWithSubset(b, dir)
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

// scaleMesh writes the scale generator's mesh of n resources (without
// planted mistakes) to a temporary directory.
func scaleMesh(b *testing.B, n int) string {
	if dir := os.Getenv("MESHLINT_LSP_MESH"); dir != "" {
		return dir
	}
	dir := b.TempDir()
	if err := scalemesh.Write(dir, scalemesh.Generate(n, scalemesh.Mistakes{})); err != nil {
		b.Fatalf("writing the mesh: %v", err)
	}
	return dir
}

// fileWithSubset finds a file of the mesh whose route names subset v1,
// the reference each change breaks or mends.
func fileWithSubset(b *testing.B, dir string) (string, string) {
	var file, content string
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || file != "" {
			return err
		}
		data, err := os.ReadFile(path)
		if err == nil && strings.Contains(string(data), "subset: v1") {
			file, content = path, string(data)
		}
		return err
	})
	if err != nil || file == "" {
		b.Fatalf("no route to subset v1 in the mesh (%v)", err)
	}
	return file, content
}
