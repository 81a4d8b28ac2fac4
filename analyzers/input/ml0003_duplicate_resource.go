package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DuplicateResource reports an object defined twice in the analyzed files.
var DuplicateResource = &analyzers.Rule{
	ID: "ML0003", Name: "duplicate-resource", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "the same kind, namespace and name is defined twice",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0003"),
	Run:     problemRule(graph.ProblemDuplicateResource),
}
