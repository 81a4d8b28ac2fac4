package security

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRulePortTLSWithoutCA is DestinationRuleTLSWithoutCA for the
// policy of one port.
var DestinationRulePortTLSWithoutCA = &analyzers.Rule{
	ID: "ML4002", Name: "destinationrule-port-tls-without-ca", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindDestinationRule},
	Summary:        "a DestinationRule's port-level policy originates TLS (SIMPLE or MUTUAL) without caCertificates",
	Istio:          []string{"IST0129"},
	IstioAnalyzers: []string{"destinationrule.CaCertificateAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML4002"),
	Run:            runDestinationRulePortTLSWithoutCA,
}

func runDestinationRulePortTLSWithoutCA(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		dr := r.DestinationRule()
		for i, pls := range dr.GetTrafficPolicy().GetPortLevelSettings() {
			if tls := pls.GetTls(); tlsWithoutCA(dr, tls) {
				path := graph.IndexPath("spec.trafficPolicy.portLevelSettings", i) + ".tls.mode"
				p.Report(r, path, "TLS mode %s without caCertificates on port %d: the certificate of %s is not verified against a CA you chose%s",
					tls.GetMode(), pls.GetPort().GetNumber(), dr.GetHost(), credentialNameNote(tls))
			}
		}
	}
}
