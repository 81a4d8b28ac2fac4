package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceUnreachableRule reports route rules no request can reach.
var VirtualServiceUnreachableRule = &analyzers.Rule{
	ID: "ML0231", Name: "virtualservice-unreachable-rule", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindVirtualService},
	Summary:        "a VirtualService rule can never be used because earlier rules take all its traffic",
	Istio:          []string{"IST0130"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0231"),
	Requires:       []analyzers.Requirement{schema.Validation},
	Run:            runChecks(kindCheck{graph.KindVirtualService, reachabilityCheck(true)}),
}
