package yamldoc

import (
	"testing"

	"github.com/meshlint/meshlint/graph/fieldpath"
	"github.com/meshlint/meshlint/graph/source"
)

// FuzzLookup maps arbitrary paths to positions in arbitrary documents:
// a path either parses or is an error, and every range found lies inside
// the file, its start before its end.
func FuzzLookup(f *testing.F) {
	doc := "apiVersion: v1\nkind: Service\nmetadata: {name: a, annotations: {a.b/c: x}}\nspec: {ports: [{port: 80}]}\n"
	for _, s := range []string{"spec.http[0].route[1].destination.subset", `metadata.annotations["a.b/c"]`, "[", `["x`, "a[-1]", "..", "spec.ports[0].port"} {
		f.Add([]byte(doc), s)
	}
	f.Add([]byte("a: &x {b: [1, {c: |\n    text\n    more\n  }]}\nd:\n  <<: *x\n  e: 'q\n\n  r'\n"), "d.b[1].c")
	f.Add([]byte("\ufeffk: \"\\u00e9\\\n  x\"\r\nl: [a,\r\n  b]\r\n"), "l[1]")
	f.Fuzz(func(t *testing.T, data []byte, path string) {
		_, _ = fieldpath.Parse(path)
		lines := yamlLineCount(data)
		lf := LoadFile(source.Source{Path: "fuzz.yaml", Content: data}, Limits{})
		for _, d := range lf.Documents {
			for _, r := range []Range{d.Range(path), d.KeyRange(path)} {
				if r == (Range{}) {
					continue
				}
				if r.Start.Line < 1 || r.End.Line > lines || r.Start.Column < 1 || before(r.End, r.Start) {
					t.Fatalf("%q in a file of %d lines: range %+v", path, lines, r)
				}
			}
		}
	})
}
