package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// KustomizePatchInvalid reports a patch of a -k build that does not parse
// or does not apply, which fails `kustomize build`.
var KustomizePatchInvalid = &analyzers.Rule{
	ID: "ML0012", Name: "kustomize-patch-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a kustomize patch does not parse or does not apply",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0012"),
	Run:     problemRule(graph.ProblemPatchInvalid),
}
