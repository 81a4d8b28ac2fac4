package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// LimitExceeded reports input that hit a safety limit.
var LimitExceeded = &analyzers.Rule{
	ID: "ML0006", Name: "input-limit-exceeded", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "an input exceeds a safety limit and is not fully linted",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0006"),
	Run:     problemRule(graph.ProblemLimit),
}
