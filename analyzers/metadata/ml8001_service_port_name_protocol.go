package metadata

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServicePortNameProtocol reports Service ports from whose name (or
// appProtocol) Istio cannot tell the protocol.
var ServicePortNameProtocol = &analyzers.Rule{
	ID: "ML8001", Name: "service-port-name-protocol", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindService},
	Summary:        "a Service port's name or appProtocol does not name a protocol Istio knows",
	Istio:          []string{"IST0118"},
	IstioAnalyzers: []string{"service.PortNameAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8001"),
	Options:        []analyzers.OptionSpec{ignoreNamespaces},
	Fixable:        true,
	Run:            func(p *analyzers.Pass) { runServicePortNames(p, false) },
}
