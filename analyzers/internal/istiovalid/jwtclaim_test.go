package istiovalid

import "testing"

func TestIsJWTClaimRoute(t *testing.T) {
	for name, want := range map[string]bool{
		"@request.auth.claims.group":  true,
		"@request.auth.claims.a.b":    true,
		"@request.auth.claims[group]": true,
		"@request.auth.claims[a][b]":  true,
		"@REQUEST.auth.claims.group":  true,
		"@request.auth.claims.":       false,
		"@request.auth.claims[]":      false,
		"@request.auth.claimsx":       false,
		"@request.auth.claims":        false,
		"x-request-id":                false,
	} {
		if got := IsJWTClaimRoute(name); got != want {
			t.Errorf("IsJWTClaimRoute(%q) = %v; want %v", name, got, want)
		}
	}
}
