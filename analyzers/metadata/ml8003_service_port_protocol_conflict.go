package metadata

import (
	"github.com/meshlint/meshlint/analyzers"
)

// ServicePortProtocolConflict reports Services that select the same
// injected workload and give one port number, on one container port,
// different protocols. istiod keeps one and drops the others.
var ServicePortProtocolConflict = &analyzers.Rule{
	ID: "ML8003", Name: "service-port-protocol-conflict", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         inboundInputs(),
	Summary:        "Services selecting one workload with a sidecar give the same port different protocols",
	Istio:          []string{"IST0116"},
	IstioAnalyzers: []string{"deployment.MultiServiceAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8003"),
	Run:            func(p *analyzers.Pass) { reportInboundConflicts(p, true) },
}
