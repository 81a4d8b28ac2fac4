package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DuplicateResource reports an object defined twice in the analyzed files.
var DuplicateResource = &analyzers.Rule{
	ID: "ML0003", Name: "duplicate-resource", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "the same kind, namespace and name is defined twice",
	Doc: "Two documents describe the same object (same kind, namespace and name). Applied together, " +
		"the later silently replaces the earlier, so half of the intended configuration is lost. " +
		"The finding points at the second definition; the first is a related location. " +
		"Documents without a namespace count as being in the default namespace (`-n`).\n\n" +
		"### Bad\n```yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n" +
		"spec:\n  host: reviews\n  subsets: [{name: v1, labels: {version: v1}}]\n---\n" +
		"apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n" +
		"spec:\n  host: reviews\n  subsets: [{name: v2, labels: {version: v2}}]\n```\n\n" +
		"### Good\n```yaml\napiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata:\n  name: reviews\n" +
		"spec:\n  host: reviews\n  subsets:\n  - {name: v1, labels: {version: v1}}\n  - {name: v2, labels: {version: v2}}\n```\n",
	Run: problemRule(graph.ProblemDuplicateResource),
}
