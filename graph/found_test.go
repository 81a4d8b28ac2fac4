package graph

import (
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// A file a walk found that holds no manifest (JSON data, an Ansible
// playbook) is skipped and listed as not an object; named, it is reported;
// a broken manifest is reported either way.
func TestFoundFileWithoutManifest(t *testing.T) {
	tests := []struct {
		name, content     string
		problemsIfNamed   int
		problemsIfFound   int
		notObjectsIfFound int
	}{
		{"json lines", `{"rating": 5}` + "\n" + `{"rating": 4}` + "\n", 1, 0, 1},
		{"playbook", lines("- hosts: all", "  tasks:", "  - k8s:", "      definition:", "        apiVersion: v1", "        kind: ConfigMap"), 1, 0, 1},
		{"sequence of scalars", lines("- a", "- b"), 1, 0, 1},
		{"empty", lines("# nothing"), 0, 0, 0},
		{"manifest with a syntax error", lines("apiVersion: v1", "kind: Service", "metadata: {name: [}"), 1, 1, 0},
		{"json manifest with a syntax error", `{"apiVersion": "v1", "kind": "Service",, }` + "\n", 1, 1, 0},
		{"object without kind", lines("apiVersion: v1", "metadata:", "  name: a"), 1, 1, 0},
		{"manifest and a sequence", lines("apiVersion: v1", "kind: Service", "metadata:", "  name: a", "---", "- b"), 1, 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, found := range []bool{false, true} {
				src := source.Source{Path: "f.yaml", Content: []byte(tt.content), Found: found}
				g := Load([]source.Source{src}, DefaultOptions())
				wantProblems, wantSkipped := tt.problemsIfNamed, 0
				if found {
					wantProblems, wantSkipped = tt.problemsIfFound, tt.notObjectsIfFound
				}
				skipped := 0
				for _, n := range g.NotObjects {
					if n.Why == "no document in the file has apiVersion or kind" {
						skipped++
					}
				}
				if len(g.Problems) != wantProblems || skipped != wantSkipped {
					t.Errorf("found=%v: %d problems %v, %d files skipped; want %d and %d", found, len(g.Problems), g.Problems, skipped, wantProblems, wantSkipped)
				}
			}
		})
	}
}
