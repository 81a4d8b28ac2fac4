package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// InvalidResource reports documents that are not Kubernetes objects.
var InvalidResource = &analyzers.Rule{
	ID: "ML0004", Name: "invalid-object", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a document is not a Kubernetes object",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0004"),
	Run:     problemRule(graph.ProblemInvalidResource),
}
