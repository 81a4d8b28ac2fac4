package extensions

import (
	"strings"
	"testing"
)

// Each deprecated name maps to one canonical name per layer, and every
// canonical name is of a filter layer meshlint knows.
func TestDeprecatedFilterNames(t *testing.T) {
	seen := map[string]bool{}
	for _, n := range deprecatedFilterNames {
		var layer filterLayer
		for _, l := range []filterLayer{layerHTTP, layerNetwork, layerListener} {
			if strings.HasPrefix(n.canonical, string(l)) {
				layer = l
			}
		}
		if layer == "" {
			t.Errorf("%s: canonical name %s is of no filter layer", n.deprecated, n.canonical)
		}
		key := string(layer) + n.deprecated
		if seen[key] {
			t.Errorf("%s: listed twice for %s", n.deprecated, layer)
		}
		seen[key] = true
		if got := canonicalFilterName(layer, n.deprecated); got != n.canonical {
			t.Errorf("canonicalFilterName(%s, %s) = %q, want %q", layer, n.deprecated, got, n.canonical)
		}
	}
	if got := canonicalFilterName(layerHTTP, "envoy.tcp_proxy"); got != "" {
		t.Errorf("a network name in an HTTP position must not be renamed, got %q", got)
	}
}
