package istiovalid

import "strings"

// jwtClaimHeader starts the header match names that route on JWT claims.
const jwtClaimHeader = "@request.auth.claims"

// IsJWTClaimRoute reports whether a header match name routes on a JWT
// claim, as Istio reads it: the prefix in any case, then `.a.b` or
// `[a][b]`.
func IsJWTClaimRoute(name string) bool {
	if !strings.HasPrefix(strings.ToLower(name), jwtClaimHeader) {
		return false
	}
	rest := name[len(jwtClaimHeader):]
	return (strings.HasPrefix(rest, ".") && len(rest) > 1) ||
		(strings.HasPrefix(rest, "[") && strings.HasSuffix(rest, "]") && len(rest) > 2)
}
