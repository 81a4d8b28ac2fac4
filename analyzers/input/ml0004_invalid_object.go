package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// InvalidResource reports documents that are not Kubernetes objects.
var InvalidResource = &analyzers.Rule{
	ID: "ML0004", Name: "invalid-object", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a document is not a Kubernetes object",
	Doc: "Every document must be a mapping with `apiVersion`, `kind` and `metadata.name`; the API server " +
		"rejects anything else, and meshlint cannot analyze it.\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nmetadata:\n  name: reviews\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata:\n  name: reviews\n```\n",
	Run: problemRule(graph.ProblemInvalidResource),
}
