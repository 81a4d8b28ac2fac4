package input

import "github.com/meshlint/meshlint/analyzers"

// InvalidSuppression reports an in-source suppression without a reason,
// or naming a rule that does not exist. The lint engine reports it
// (lint/processor_suppress.go), with the suppressions it reads.
var InvalidSuppression = &analyzers.Rule{
	ID: "ML0010", Name: "invalid-suppression", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "an in-source suppression gives no reason or names an unknown rule",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0010"),
	Run:     engineMade,
}
