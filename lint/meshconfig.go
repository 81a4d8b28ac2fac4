package lint

import (
	"fmt"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/schemas"
)

// MeshConfigWarnings words the keys of a mesh config file that MeshConfig
// does not define (graph.UnknownMeshConfigKeys), each as
// "file:line:col: message" with the field it most likely misspells.
// meshlint reads only a few fields of the mesh config, and Istio ignores
// unknown ones: without a warning, a typo would keep Istio's default.
func MeshConfigWarnings(src source.Source) []string {
	var out []string
	for _, k := range graph.UnknownMeshConfigKeys(src) {
		msg := fmt.Sprintf("%s:%d:%d: unknown MeshConfig field %q", k.File, k.Start.Line, k.Start.Column, k.Key)
		if s := schemas.Suggest(k.Key, k.Known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		out = append(out, msg+"; Istio ignores it")
	}
	return out
}
