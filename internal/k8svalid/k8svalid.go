// Package k8svalid holds the Kubernetes name grammars (RFC 1123 and
// RFC 1035 labels, DNS subdomains, qualified names) as plain predicates.
//
// It is a leaf: it imports nothing of meshlint's, so that both schemas
// (the CEL format library) and the analyzers (object metadata, Istio host
// names) can share one copy without an import pointing up. The predicates
// check the grammar only; length limits are separate, because the callers
// word a length problem and a grammar problem differently.
//
// The API server writes these grammars as regular expressions; they are
// loops here because every object's name and labels go through them, and
// a regexp match costs more than the rest of a metadata check.
//
//	dns1123Label:     [a-z0-9]([-a-z0-9]*[a-z0-9])?
//	dns1123Subdomain: dns1123Label(\.dns1123Label)*
//	dns1035Label:     [a-z]([-a-z0-9]*[a-z0-9])?
//	qualifiedName:    ([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]
package k8svalid

import "strings"

// Length limits of the API server.
const (
	DNS1123LabelMaxLength     = 63
	DNS1123SubdomainMaxLength = 253
)

// Case says whether a label may hold upper-case letters. The API server
// accepts lower case only; Istio's host names accept either.
type Case bool

const (
	LowerCase Case = false
	AnyCase   Case = true
)

func isLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func isLabelChar(c byte, letters Case) bool {
	return isLower(c) || isDigit(c) || (letters == AnyCase && isUpper(c))
}

// IsLabel reports whether s matches dns1123Label (any length), with
// upper-case letters allowed when letters is AnyCase.
func IsLabel(s string, letters Case) bool {
	if s == "" || !isLabelChar(s[0], letters) || !isLabelChar(s[len(s)-1], letters) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if !isLabelChar(s[i], letters) && s[i] != '-' {
			return false
		}
	}
	return true
}

// IsDNS1123Label reports whether s matches dns1123Label (any length).
func IsDNS1123Label(s string) bool { return IsLabel(s, LowerCase) }

// IsDNS1123Subdomain reports whether s matches dns1123Subdomain (any length).
func IsDNS1123Subdomain(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !IsDNS1123Label(part) {
			return false
		}
	}
	return true
}

// IsDNS1035Label reports whether s matches dns1035Label (any length).
func IsDNS1035Label(s string) bool {
	return IsDNS1123Label(s) && isLower(s[0])
}

// IsQualifiedName reports whether s matches qualifiedName (any length):
// the name part of a label or annotation key, and a non-empty label value.
func IsQualifiedName(s string) bool {
	isAlnum := func(c byte) bool { return isLower(c) || isUpper(c) || isDigit(c) }
	if s == "" || !isAlnum(s[0]) || !isAlnum(s[len(s)-1]) {
		return false
	}
	for i := 1; i < len(s)-1; i++ {
		if c := s[i]; !isAlnum(c) && c != '-' && c != '_' && c != '.' {
			return false
		}
	}
	return true
}
