package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// LimitExceeded reports input that hit a safety limit.
var LimitExceeded = &analyzers.Rule{
	ID: "ML0006", Name: "input-limit-exceeded", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an input exceeds a safety limit and is not fully linted",
	Doc: "meshlint bounds the work spent on each file (size, documents, alias expansion) so that a " +
		"hostile or broken file cannot exhaust memory. What lies beyond the limit is not linted; " +
		"the rest of the input still is.\n\n" +
		"### Bad\n```yaml\na: &a [x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]   # ... and so on: exponential expansion\n```\n\n" +
		"### Good\n```yaml\n# plain manifests without runaway alias expansion\n```\n",
	Run: problemRule(graph.ProblemLimit),
}
