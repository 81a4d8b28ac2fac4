package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// YAMLSyntax reports documents that do not parse.
var YAMLSyntax = &analyzers.Rule{
	ID: "ML0001", Name: "yaml-syntax-error", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a YAML document does not parse",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0001"),
	Run:     problemRule(graph.ProblemSyntax),
}
