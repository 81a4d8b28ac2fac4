package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// KustomizationNotBuilt says that a kustomization met in a walk was read
// as written rather than built.
var KustomizationNotBuilt = &analyzers.Rule{
	ID: "ML0013", Name: "kustomization-not-built", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "a kustomization is linted as written, not as built, unless given with -k",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0013"),
	Run:     problemRule(graph.ProblemKustomization),
}
