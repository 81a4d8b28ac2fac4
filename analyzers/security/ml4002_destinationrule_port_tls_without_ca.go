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
	Doc: "The same check as ML4001 for `trafficPolicy.portLevelSettings[].tls`: with mode `SIMPLE` or `MUTUAL` " +
		"and no `caCertificates`, the sidecar does not verify the server's certificate against a CA you chose " +
		"(it trusts the operating system's public CA bundle, or, on older Istio releases, nothing at all). Set " +
		"`caCertificates`, or `credentialName` on a DestinationRule with a `workloadSelector` (sidecars ignore " +
		"`credentialName` otherwise). `insecureSkipVerify: true` is an explicit opt-out and is not reported; " +
		"like istioctl, the rule does not look into `subsets[].trafficPolicy`.\n\n" +
		"### Bad\n```yaml\nspec:\n  host: db.example.com\n  trafficPolicy:\n    portLevelSettings:\n" +
		"    - port: {number: 443}\n      tls:\n        mode: SIMPLE\n```\n\n" +
		"### Good\n```yaml\nspec:\n  host: db.example.com\n  trafficPolicy:\n    portLevelSettings:\n" +
		"    - port: {number: 443}\n      tls:\n        mode: SIMPLE\n        caCertificates: /etc/certs/db-ca.pem\n```\n",
	Run: runDestinationRulePortTLSWithoutCA,
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
