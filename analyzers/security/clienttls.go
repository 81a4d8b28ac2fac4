package security

import (
	networking "istio.io/api/networking/v1alpha3"
)

// The CA check is two rules because istioctl reports it under two codes,
// IST0128 for the DestinationRule's own policy and IST0129 for a port's,
// and a rule maps to its codes as a whole: one rule with both codes would
// claim both for every finding.

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
