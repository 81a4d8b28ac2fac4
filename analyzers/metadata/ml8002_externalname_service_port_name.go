package metadata

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ExternalNameServicePortName reports ExternalName Service ports that
// Istio would treat as plain TCP.
var ExternalNameServicePortName = &analyzers.Rule{
	ID: "ML8002", Name: "externalname-service-port-name", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindService},
	Summary:        "an ExternalName Service port is named tcp or does not name a protocol Istio knows",
	Istio:          []string{"IST0150"},
	IstioAnalyzers: []string{"service.PortNameAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML8002"),
	Options:        []analyzers.OptionSpec{ignoreNamespaces},
	Run:            func(p *analyzers.Pass) { runServicePortNames(p, true) },
}
