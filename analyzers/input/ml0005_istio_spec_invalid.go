package input

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

// InvalidIstioSpec reports Istio specs that do not decode into their type.
var InvalidIstioSpec = &analyzers.Rule{
	ID: "ML0005", Name: "istio-spec-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:  "an Istio spec does not decode into its API type",
	Doc:      analyzers.MustDoc(ruleDocs, "ML0005"),
	Requires: []analyzers.Requirement{schema.Validation, schema.CELValidation},
	Run:      problemRuleUnless(graph.ProblemSpecDecode, schema.ReportsOn),
}
