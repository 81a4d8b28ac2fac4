package graph

import "testing"

const clientDRFixture = `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: mesh, namespace: istio-system}
spec:
  host: "*.local"
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: root-private, namespace: istio-system}
spec:
  host: "*.shop.svc.cluster.local"
  exportTo: ["."]
  trafficPolicy: {tls: {mode: DISABLE}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: shop-wide, namespace: shop}
spec:
  host: "*.shop.svc.cluster.local"
  trafficPolicy: {tls: {mode: SIMPLE}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart, namespace: shop}
spec:
  host: cart
  trafficPolicy:
    tls: {mode: DISABLE}
    portLevelSettings:
    - port: {number: 9090}
      tls: {mode: ISTIO_MUTUAL}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: cart-for-web, namespace: web}
spec:
  host: cart.shop.svc.cluster.local
  trafficPolicy: {tls: {mode: MUTUAL}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: selected, namespace: web}
spec:
  host: pay.shop.svc.cluster.local
  workloadSelector: {matchLabels: {app: web}}
  trafficPolicy: {tls: {mode: DISABLE}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: private-to-shop, namespace: shop}
spec:
  host: pay
  exportTo: ["."]
  trafficPolicy: {tls: {mode: DISABLE}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: keys, namespace: vault}
spec:
  host: keys
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
  subsets:
  - name: v1
    labels: {version: v1}
    trafficPolicy: {tls: {mode: DISABLE}}
`

func TestClientDestinationRules(t *testing.T) {
	g := loadYAML(t, clientDRFixture)
	noProblems(t, g)
	tests := []struct {
		host, client string
		port         int
		want         []string
		mode, path   string
		undecided    bool
	}{
		// The client's namespace first, the exact host over wildcards.
		{"cart.shop.svc.cluster.local", "web", 80, []string{"web/cart-for-web"}, "MUTUAL", "spec.trafficPolicy.tls.mode", false},
		{"cart.shop.svc.cluster.local", "shop", 80, []string{"shop/cart"}, "DISABLE", "spec.trafficPolicy.tls.mode", false},
		{"cart.shop.svc.cluster.local", "shop", 9090, []string{"shop/cart"}, "ISTIO_MUTUAL", "spec.trafficPolicy.portLevelSettings[0].tls.mode", false},
		// Then the Service's namespace: the longest wildcard there.
		{"shop.shop.svc.cluster.local", "web", 80, []string{"shop/shop-wide"}, "SIMPLE", "spec.trafficPolicy.tls.mode", false},
		// A rule exported to its namespace only is not seen from web, and
		// one with a workloadSelector is left out.
		{"pay.shop.svc.cluster.local", "web", 80, []string{"shop/shop-wide"}, "SIMPLE", "spec.trafficPolicy.tls.mode", false},
		{"db.other.svc.cluster.local", "web", 80, []string{"istio-system/mesh"}, "ISTIO_MUTUAL", "spec.trafficPolicy.tls.mode", false},
		{"pay.shop.svc.cluster.local", "shop", 80, []string{"shop/private-to-shop"}, "DISABLE", "spec.trafficPolicy.tls.mode", false},
		// Root namespace clients: the root's private rules, then the
		// Service's namespace, then the root's public ones.
		{"cart.shop.svc.cluster.local", "istio-system", 80, []string{"istio-system/root-private"}, "DISABLE", "spec.trafficPolicy.tls.mode", false},
		{"db.other.svc.cluster.local", "istio-system", 80, []string{"istio-system/mesh"}, "ISTIO_MUTUAL", "spec.trafficPolicy.tls.mode", false},
		// A subset with its own TLS: undecided.
		{"keys.vault.svc.cluster.local", "vault", 80, []string{"vault/keys"}, "", "", true},
		{"example.com", "web", 443, nil, "", "", false},
	}
	for _, tt := range tests {
		rules := g.ClientDestinationRules(tt.host, tt.client)
		var got []string
		for _, r := range rules {
			got = append(got, r.NamespacedName())
		}
		if !equalStrings(got, tt.want) {
			t.Errorf("%s from %s: rules %v; want %v", tt.host, tt.client, got, tt.want)
		}
		tls, decided := PortClientTLS(rules, tt.port)
		if decided == tt.undecided || tls.Mode != tt.mode || tls.Path != tt.path {
			t.Errorf("%s:%d from %s: tls %+v decided %v; want %s at %s", tt.host, tt.port, tt.client, tls, decided, tt.mode, tt.path)
		}
	}
}

func TestPortClientTLSMergedRulesDisagree(t *testing.T) {
	g := loadYAML(t, `
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: a, namespace: shop}
spec:
  host: cart
  trafficPolicy: {tls: {mode: ISTIO_MUTUAL}}
---
apiVersion: networking.istio.io/v1
kind: DestinationRule
metadata: {name: b, namespace: shop}
spec:
  host: cart.shop.svc.cluster.local
  trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}
`)
	rules := g.ClientDestinationRules("cart.shop.svc.cluster.local", "shop")
	if len(rules) != 2 {
		t.Fatalf("rules %v; want both", resourceNames(rules))
	}
	if tls, decided := PortClientTLS(rules, 80); decided {
		t.Errorf("merged rules that disagree decided %+v", tls)
	}
}
