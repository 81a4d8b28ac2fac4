package yamldoc

import (
	"testing"

	"github.com/meshlint/meshlint/internal/scalemesh"
)

// BenchmarkLoadAll is the parse stage of a 10,000-resource mesh: every
// file cut into documents, decoded, checked and converted to values.
// Compare allocations with -benchmem; the binary's -v times it too.
func BenchmarkLoadAll(b *testing.B) {
	src := scalemesh.Generate(10000, scalemesh.Mistakes{})
	var bytes int64
	for _, s := range src {
		bytes += int64(len(s.Content))
	}
	b.SetBytes(bytes)
	b.ReportAllocs()
	for b.Loop() {
		LoadAll(src, Limits{})
	}
}
