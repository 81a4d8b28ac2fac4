package graph

import "testing"

func TestHasPlaceholder(t *testing.T) {
	for s, want := range map[string]bool{
		"{{ item }}":             true,
		"{{.Values.name}}-svc":   true,
		"${CLUSTER}":             true,
		"app-${ENV}":             true,
		"reviews":                false,
		"a{b}":                   false,
		"{{ unclosed":            false,
		"$HOME":                  false, // bare $VAR: too common in real values to guess
		"price-$5":               false,
		"}} before {{":           false,
		"istio-system/gateway-1": false,
	} {
		if got := HasPlaceholder(s); got != want {
			t.Errorf("HasPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
}
