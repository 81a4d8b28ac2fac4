package input

import "github.com/meshlint/meshlint/analyzers"

// UnusedSuppression reports an in-source suppression that silenced
// nothing, so that suppressions do not outlive the findings they were for.
// The lint engine reports it (lint/processor_suppress.go): only it sees
// every rule's findings.
var UnusedSuppression = &analyzers.Rule{
	ID: "ML0009", Name: "unused-suppression", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Summary: "an in-source suppression matches no finding",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0009"),
	Run:     engineMade,
}

// engineMade is the Run of the rules whose findings the lint engine
// makes after the rules ran: there is nothing to do over the graph alone.
func engineMade(*analyzers.Pass) {}

// EngineMade are the rules the lint engine reports itself, not their Run:
// tests lint their fixtures and examples through the engine.
var EngineMade = []*analyzers.Rule{UnusedSuppression, InvalidSuppression}
