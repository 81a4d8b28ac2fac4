package graph

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

// FuzzLoad feeds arbitrary bytes through loading and graph building: no
// input may panic, every document must map its own paths to positions
// inside the file, and the fast spec decoder must agree with protojson.
func FuzzLoad(f *testing.F) {
	seeds := []string{
		"apiVersion: v1\nkind: Service\nmetadata: {name: a}\n",
		"a: &a [x, x]\nb: [*a, *a]\n",
		"---\n---\nkind: List\napiVersion: v1\nitems: [{apiVersion: v1, kind: Pod, metadata: {name: p}}]\n",
		"apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec: {hosts: [r], http: [{route: [{destination: {host: r, subset: v1}}]}]}\n",
		"{\"apiVersion\": \"v1\", \"kind\": \"Namespace\", \"metadata\": {\"name\": \"n\"}}",
		"a: [\n",
		"<<: *x\n",
		"\ufeffkey: value\r\nother: 1\r\n",
	}
	for _, s := range seeds {
		f.Add([]byte(s))
	}
	for _, dir := range []string{"../testdata/rules", "../testdata/hostile", "../examples"} {
		filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err == nil && !d.IsDir() && IsManifestFile(p) {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := yamlLineCount(data)
		g := Load([]Source{{Path: "fuzz.yaml", Content: data}}, DefaultOptions())
		for _, r := range g.Resources {
			if newSpec, ok := istioSpecs[r.GroupKind()]; ok && r.Object["spec"] != nil {
				checkFastDecode(t, r.String(), newSpec, r.Object["spec"])
			}
			loc := r.Location("metadata.name")
			if loc.Start.Line < 1 || loc.Start.Line > lines {
				t.Fatalf("metadata.name of %s at line %d, file has %d lines", r, loc.Start.Line, lines)
			}
		}
		for _, p := range g.Problems {
			if p.Location.Start.Line < 1 || p.Location.Start.Line > lines+1 {
				t.Fatalf("problem %q at line %d, file has %d lines", p.Message, p.Location.Start.Line, lines)
			}
		}
	})
}

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
		_, _ = ParsePath(path)
		lines := yamlLineCount(data)
		lf := LoadFile(Source{Path: "fuzz.yaml", Content: data}, Limits{})
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

func before(a, b Position) bool {
	return a.Line < b.Line || (a.Line == b.Line && a.Column < b.Column)
}

// yamlLineCount counts lines as YAML does: "\n", "\r\n" and a lone "\r"
// each end one.
func yamlLineCount(data []byte) int {
	lines := 1
	for i, b := range data {
		if b == '\n' || (b == '\r' && (i+1 == len(data) || data[i+1] != '\n')) {
			lines++
		}
	}
	return lines
}
