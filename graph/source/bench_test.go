package source_test

import (
	"testing"

	"github.com/meshlint/meshlint/graph/source"

	"github.com/meshlint/meshlint/internal/scalemesh"
)

// BenchmarkReadSources is the read stage of a 10,000-resource mesh:
// walking its folders and reading every file.
func BenchmarkReadSources(b *testing.B) {
	dir := b.TempDir()
	if err := scalemesh.Write(dir, scalemesh.Generate(10000, scalemesh.Mistakes{})); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := source.ReadSourcesLimit([]string{dir}, nil, 64<<20); err != nil {
			b.Fatal(err)
		}
	}
}
