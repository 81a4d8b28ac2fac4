package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DuplicateKey reports a mapping that repeats a key.
var DuplicateKey = &analyzers.Rule{
	ID: "ML0002", Name: "duplicate-key", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a mapping defines the same key twice",
	Doc: "YAML parsers disagree on repeated keys: some keep the first, most keep the last, strict ones " +
		"refuse the document. Either way one of the two values is silently lost. The finding points at " +
		"the second key; the first is a related location.\n\n" +
		"### Bad\n```yaml\nspec:\n  hosts: [reviews]\n  hosts: [ratings]\n```\n\n" +
		"### Good\n```yaml\nspec:\n  hosts: [reviews, ratings]\n```\n",
	Run: problemRule(graph.ProblemDuplicateKey),
}
