package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// UnrenderedTemplate says that a document holding template syntax was not
// linted, instead of calling it broken YAML.
var UnrenderedTemplate = &analyzers.Rule{
	ID: "ML0008", Name: "unrendered-template", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "a document with template syntax is not linted until rendered",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0008"),
	Run:     problemRule(graph.ProblemTemplate),
}
