package security

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleTLSWithoutCA reports a DestinationRule whose traffic
// policy originates TLS without saying which CA to trust.
var DestinationRuleTLSWithoutCA = &analyzers.Rule{
	ID: "ML4001", Name: "destinationrule-tls-without-ca", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindDestinationRule},
	Summary:        "a DestinationRule originates TLS (SIMPLE or MUTUAL) without caCertificates",
	Istio:          []string{"IST0128"},
	IstioAnalyzers: []string{"destinationrule.CaCertificateAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML4001"),
	Run:            runDestinationRuleTLSWithoutCA,
}

func runDestinationRuleTLSWithoutCA(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		dr := r.DestinationRule()
		if tls := dr.GetTrafficPolicy().GetTls(); tlsWithoutCA(dr, tls) {
			p.Report(r, "spec.trafficPolicy.tls.mode", "TLS mode %s without caCertificates: the certificate of %s is not verified against a CA you chose%s",
				tls.GetMode(), dr.GetHost(), credentialNameNote(tls))
		}
	}
}
