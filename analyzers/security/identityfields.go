package security

import (
	security "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/graph"
)

// Fields of an AuthorizationPolicy that read the peer identity an mTLS
// certificate carries. Plain text has none: a field that lists values
// never matches it, a field that excludes values always does.
// request.auth.* come from a JWT and are not among them.

// identityField is one such field of a policy.
type identityField struct {
	rule    int    // index in spec.rules
	path    string // field path
	name    string // as Istio's documentation names it
	negated bool   // notPrincipals and the like, notValues
}

// identityConditions are the condition keys that read the peer identity.
var identityConditions = map[string]bool{
	"source.principal": true, "source.namespace": true, "source.serviceAccount": true,
}

// firstIdentityField is the first field of ap that reads the peer identity.
func firstIdentityField(ap *security.AuthorizationPolicy) (identityField, bool) {
	for i, r := range ap.GetRules() {
		if f, ok := ruleIdentityField(i, r); ok {
			return f, true
		}
	}
	return identityField{}, false
}

func ruleIdentityField(i int, r *security.Rule) (identityField, bool) {
	base := graph.IndexPath("spec.rules", i)
	for j, from := range r.GetFrom() {
		path := graph.IndexPath(base+".from", j) + ".source"
		for _, sf := range sourceIdentityFields(from.GetSource()) {
			if len(sf.values) > 0 {
				return identityField{rule: i, path: path + "." + sf.name, name: "source." + sf.name, negated: sf.negated}, true
			}
		}
	}
	for k, c := range r.GetWhen() {
		if !identityConditions[c.GetKey()] {
			continue
		}
		path := graph.IndexPath(base+".when", k)
		if len(c.GetValues()) > 0 {
			return identityField{rule: i, path: path + ".values", name: "condition " + c.GetKey()}, true
		}
		if len(c.GetNotValues()) > 0 {
			return identityField{rule: i, path: path + ".notValues", name: "condition " + c.GetKey(), negated: true}, true
		}
	}
	return identityField{}, false
}

type sourceField struct {
	name    string
	values  []string
	negated bool
}

// sourceIdentityFields lists the identity fields of s, those that list
// values first: they decide whether the source can match at all.
func sourceIdentityFields(s *security.Source) []sourceField {
	return []sourceField{
		{"principals", s.GetPrincipals(), false},
		{"namespaces", s.GetNamespaces(), false},
		{"serviceAccounts", s.GetServiceAccounts(), false},
		{"notPrincipals", s.GetNotPrincipals(), true},
		{"notNamespaces", s.GetNotNamespaces(), true},
		{"notServiceAccounts", s.GetNotServiceAccounts(), true},
	}
}

// sourceNeverMatches reports whether s lists values of an identity field.
func sourceNeverMatches(s *security.Source) bool {
	for _, sf := range sourceIdentityFields(s) {
		if !sf.negated && len(sf.values) > 0 {
			return true
		}
	}
	return false
}

// ruleNeverMatches reports whether r cannot match plain text: each of its
// sources needs an identity, or a condition does.
func ruleNeverMatches(r *security.Rule) bool {
	for _, c := range r.GetWhen() {
		if identityConditions[c.GetKey()] && len(c.GetValues()) > 0 {
			return true
		}
	}
	if len(r.GetFrom()) == 0 {
		return false
	}
	for _, from := range r.GetFrom() {
		if !sourceNeverMatches(from.GetSource()) {
			return false
		}
	}
	return true
}

// allowsNothing reports whether an ALLOW policy matches no plain-text
// request: no rule, or only rules that need an identity.
func allowsNothing(ap *security.AuthorizationPolicy) bool {
	if ap.GetAction() != security.AuthorizationPolicy_ALLOW {
		return false
	}
	for _, r := range ap.GetRules() {
		if !ruleNeverMatches(r) {
			return false
		}
	}
	return true
}
