package security

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// The CA check is two rules because istioctl reports it under two codes,
// IST0128 for the DestinationRule's own policy and IST0129 for a port's,
// and a rule maps to its codes as a whole: one rule with both codes would
// claim both for every finding.

// DestinationRuleTLSWithoutCA reports a DestinationRule whose traffic
// policy originates TLS without saying which CA to trust.
var DestinationRuleTLSWithoutCA = &analyzers.Rule{
	ID: "ML4001", Name: "destinationrule-tls-without-ca", Severity: analyzers.SeverityWarning, Since: "0.1.0",
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

// DestinationRulePortTLSWithoutCA is DestinationRuleTLSWithoutCA for the
// policy of one port.
var DestinationRulePortTLSWithoutCA = &analyzers.Rule{
	ID: "ML4002", Name: "destinationrule-port-tls-without-ca", Severity: analyzers.SeverityWarning, Since: "0.1.0",
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

func runDestinationRuleTLSWithoutCA(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		dr := r.DestinationRule()
		if tls := dr.GetTrafficPolicy().GetTls(); tlsWithoutCA(dr, tls) {
			p.Report(r, "spec.trafficPolicy.tls.mode", "TLS mode %s without caCertificates: the certificate of %s is not verified against a CA you chose%s",
				tls.GetMode(), dr.GetHost(), credentialNameNote(tls))
		}
	}
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

// tlsWithoutCA reports whether tls originates TLS with no CA to verify the
// server against. credentialName counts only with a workloadSelector,
// because sidecars read it only then (istio.io/api ClientTLSSettings).
func tlsWithoutCA(dr *networking.DestinationRule, tls *networking.ClientTLSSettings) bool {
	switch tls.GetMode() {
	case networking.ClientTLSSettings_SIMPLE, networking.ClientTLSSettings_MUTUAL:
	default:
		return false
	}
	if tls.GetInsecureSkipVerify().GetValue() {
		return false // verification switched off on purpose
	}
	if tls.GetCredentialName() != "" && dr.GetWorkloadSelector() != nil {
		return false
	}
	return tls.GetCaCertificates() == ""
}

func credentialNameNote(tls *networking.ClientTLSSettings) string {
	if tls.GetCredentialName() == "" {
		return ""
	}
	return " (credentialName is read by sidecars only when the DestinationRule has a workloadSelector)"
}
