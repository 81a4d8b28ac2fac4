package graph

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// FuzzLoad feeds arbitrary bytes through loading and graph building: no
// input may panic, and every resource and problem must lie inside the
// file. (istiospec.FuzzDecode checks the fast spec decoder against
// protojson.)
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
			if err == nil && !d.IsDir() && source.IsManifestFile(p) {
				if data, err := os.ReadFile(p); err == nil {
					f.Add(data)
				}
			}
			return nil
		})
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		lines := yamlLineCount(data)
		g := Load([]source.Source{{Path: "fuzz.yaml", Content: data}}, DefaultOptions())
		for _, r := range g.Resources {
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
