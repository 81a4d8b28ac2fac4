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

// BenchmarkLoadFilePaths reads the same mesh on one core by each path:
// the fast path against one yaml.v3 decoder per file, values included.
func BenchmarkLoadFilePaths(b *testing.B) {
	src := scalemesh.Generate(2000, scalemesh.Mistakes{})
	var bytes int64
	for _, s := range src {
		bytes += int64(len(s.Content))
	}
	for _, path := range []struct {
		name string
		path loadPath
	}{{"fast", pathFast}, {"yaml.v3", pathStream}} {
		b.Run(path.name, func(b *testing.B) {
			b.SetBytes(bytes)
			b.ReportAllocs()
			for b.Loop() {
				in := newInterner()
				for _, s := range src {
					loadFile(s, Limits{}, path.path, in).convertPlain(Limits{}.WithDefaults(), in)
				}
			}
		})
	}
}
