package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// KustomizePatchTargetNotFound reports a patch of a -k build that matches
// no resource, which fails `kustomize build`.
var KustomizePatchTargetNotFound = &analyzers.Rule{
	ID: "ML0011", Name: "kustomize-patch-target-not-found", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a kustomize patch names a resource the build does not have",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0011"),
	Run:     problemRule(graph.ProblemPatchTarget),
}
