package injection_test

import (
	"path/filepath"
	"testing"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/analysistest"
	"github.com/meshlint/meshlint/analyzers/injection"
	"github.com/meshlint/meshlint/graph"
)

// rules are the family's rules whose findings depend on the verdict.
var rules = []*analyzers.Rule{injection.NamespaceInjectionMissing, injection.InjectAnnotation,
	injection.PolicyTargetsWorkloadOutsideMesh, injection.ServiceMixedInjection}

// TestEnabledByDefault: stated in the config, enableNamespacesByDefault
// injects unlabelled namespaces. These fixtures live apart from
// testdata/rules, which run with the default options.
func TestEnabledByDefault(t *testing.T) {
	files, err := filepath.Glob("testdata/by-default/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	on := true
	opts := graph.DefaultOptions()
	opts.EnableNamespacesByDefault = &on
	analysistest.Run(t, opts, rules, files...)
}

// TestEnabledByOperator: an IstioOperator in the files that enables it
// does the same, and the message names it. It stays out of
// testdata/rules: linted together with them, it would inject them all.
func TestEnabledByOperator(t *testing.T) {
	analysistest.Run(t, graph.DefaultOptions(), rules, "testdata/operator-mixed.yaml")
}

// TestEnabledByConfigMap: so does the default revision's injector
// ConfigMap in the files.
func TestEnabledByConfigMap(t *testing.T) {
	analysistest.Run(t, graph.DefaultOptions(), rules, "testdata/configmap-by-default.yaml")
}
