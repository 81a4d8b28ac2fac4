package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// YAMLSyntax reports documents that do not parse.
var YAMLSyntax = &analyzers.Rule{
	ID: "ML0001", Name: "yaml-syntax-error", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a YAML document does not parse",
	Doc: "The document is not valid YAML, so `kubectl apply` rejects the whole file. " +
		"meshlint reports the error at its line and goes on with the other documents of the file.\n\n" +
		"### Bad\n```yaml\nmetadata:\n  name: reviews\n   namespace: bookinfo   # indented one space too far\n```\n\n" +
		"### Good\n```yaml\nmetadata:\n  name: reviews\n  namespace: bookinfo\n```\n",
	Run: problemRule(graph.ProblemSyntax),
}
