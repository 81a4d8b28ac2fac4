package security_test

import (
	"path/filepath"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/analyzers/security"
	"github.com/meshlint/meshlint/graph"
)

// The root namespace cases live here, not in testdata/rules, whose files
// are also linted all together: a mesh-wide policy there would reach the
// fixtures of every other rule.
func TestML4004RootNamespace(t *testing.T) {
	files, err := filepath.Glob("testdata/ML4004-root/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	analysistest.Run(t, graph.DefaultOptions(), []*analyzers.Rule{security.PeerAuthenticationDisableMutualDestinationRule}, files...)
}

func TestML4005RootNamespace(t *testing.T) {
	files, err := filepath.Glob("testdata/ML4005-root/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	analysistest.Run(t, graph.DefaultOptions(), []*analyzers.Rule{security.AuthorizationPolicyMTLSFieldsWithoutMTLS}, files...)
}
