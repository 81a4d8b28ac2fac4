package istiospec

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// FuzzDecode loads arbitrary bytes and decodes the spec of every Istio
// object in them both ways: the fast decoder must agree with protojson
// whenever it succeeds.
func FuzzDecode(f *testing.F) {
	f.Add([]byte("apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r}\nspec: {hosts: [r], http: [{route: [{destination: {host: r, subset: v1}}]}]}\n"))
	for _, dir := range []string{"../../testdata/rules", "../../testdata/hostile", "../../examples"} {
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
		for _, spec := range specsIn("fuzz.yaml", data) {
			checkFastDecode(t, spec.what, spec.newSpec, spec.raw)
		}
	})
}
