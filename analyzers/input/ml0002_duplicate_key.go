package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DuplicateKey reports a mapping that repeats a key.
var DuplicateKey = &analyzers.Rule{
	ID: "ML0002", Name: "duplicate-key", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a mapping defines the same key twice",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0002"),
	Fixable: true,
	Run:     problemRule(graph.ProblemDuplicateKey),
}
