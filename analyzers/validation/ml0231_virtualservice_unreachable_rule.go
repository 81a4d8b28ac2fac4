package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceUnreachableRule reports route rules no request can reach.
var VirtualServiceUnreachableRule = webhookRule(&analyzers.Rule{
	ID: "ML0231", Name: "virtualservice-unreachable-rule", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "a VirtualService rule can never be used because earlier rules take all its traffic",
	Istio:          []string{"IST0130"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0231"),
	Requires:       []analyzers.Requirement{reachability},
}, kindCheck{graph.KindVirtualService, reachabilityCheck(true)})
