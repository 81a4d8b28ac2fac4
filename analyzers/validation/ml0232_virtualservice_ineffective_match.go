package validation

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceIneffectiveMatch reports matches earlier matches shadow.
var VirtualServiceIneffectiveMatch = webhookRule(&analyzers.Rule{
	ID: "ML0232", Name: "virtualservice-ineffective-match", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "a VirtualService match can never be used because an earlier match covers it",
	Istio:          []string{"IST0131"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0232"),
	Requires:       []analyzers.Requirement{reachability},
}, kindCheck{graph.KindVirtualService, reachabilityCheck(false)})
