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
		"$PROXY_PORT":            true,
		"$GATEWAY_IP/32":         true,
		"$lowercase":             false, // not how snippets write variables
		"$1":                     false,
		"price-$5":               false,
		"}} before {{":           false,
		"istio-system/gateway-1": false,
	} {
		if got := HasPlaceholder(s); got != want {
			t.Errorf("HasPlaceholder(%q) = %v, want %v", s, got, want)
		}
	}
}
