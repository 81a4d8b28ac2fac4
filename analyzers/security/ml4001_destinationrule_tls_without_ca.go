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
	Doc: "With `trafficPolicy.tls.mode` `SIMPLE` or `MUTUAL` the sidecar opens a TLS connection to the " +
		"destination itself. Without `caCertificates` it has no CA of yours to verify the server's certificate " +
		"against: it falls back to the operating system's public CA bundle (so any certificate a public CA issued " +
		"for that name is accepted), and older Istio releases did not verify the certificate at all. Either way a " +
		"man in the middle is easier than you think. Set `caCertificates`, or `credentialName` (a Secret holding " +
		"the CA) on a DestinationRule that also has a `workloadSelector` — without one, sidecars ignore " +
		"`credentialName` and only gateways read it.\n\n" +
		"`insecureSkipVerify: true` says on purpose that the certificate is not to be verified, and is not reported. " +
		"`ISTIO_MUTUAL` and `DISABLE` need no CA. Port-level settings are checked by ML4002. Like istioctl, the " +
		"rule does not look into `subsets[].trafficPolicy`: check those by hand.\n\n" +
		"### Bad\n```yaml\nkind: DestinationRule\nmetadata: {name: db-tls}\nspec:\n  host: db.example.com\n" +
		"  trafficPolicy:\n    tls:\n      mode: SIMPLE\n```\n\n" +
		"### Good\n```yaml\nkind: DestinationRule\nmetadata: {name: db-tls}\nspec:\n  host: db.example.com\n" +
		"  trafficPolicy:\n    tls:\n      mode: SIMPLE\n      caCertificates: /etc/certs/db-ca.pem\n```\n",
	Run: runDestinationRuleTLSWithoutCA,
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
