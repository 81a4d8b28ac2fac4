package metadata

import (
	"github.com/meshlint/meshlint/analyzers"
)

// ServiceTargetPortConflict reports Services that select the same
// injected workload and reach one container port from different port
// numbers with different protocols. istiod keeps one and drops the others.
var ServiceTargetPortConflict = &analyzers.Rule{
	ID: "ML8004", Name: "service-target-port-conflict", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         inboundInputs(),
	Summary:        "Services selecting one workload with a sidecar reach one container port from different ports with different protocols",
	Istio:          []string{"IST0137"},
	IstioAnalyzers: []string{"deployment.MultiServiceAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8004"),
	Run:            func(p *analyzers.Pass) { reportInboundConflicts(p, false) },
}
