package graph

import "testing"

func TestRequestAuthenticationsOf(t *testing.T) {
	const pod = "apiVersion: v1\nkind: Pod\nmetadata: {name: gw, namespace: edge, labels: {istio: ingressgateway}}\n" +
		"spec: {containers: [{name: istio-proxy, image: proxyv2}]}\n---\n"
	ra := func(ns, spec string) string {
		return "apiVersion: security.istio.io/v1\nkind: RequestAuthentication\nmetadata: {name: jwt, namespace: " + ns + "}\nspec: " + spec + "\n"
	}
	const rules = `{jwtRules: [{issuer: "https://id.example"}]}`
	tests := []struct {
		name, yaml string
		want       int
	}{
		{"none", pod, 0},
		{"namespace-wide", pod + ra("edge", rules), 1},
		{"selector matches", pod + ra("edge", `{selector: {matchLabels: {istio: ingressgateway}}, jwtRules: [{issuer: x}]}`), 1},
		{"selector misses", pod + ra("edge", `{selector: {matchLabels: {app: web}}, jwtRules: [{issuer: x}]}`), 0},
		{"root namespace", pod + ra("istio-system", `{selector: {matchLabels: {istio: ingressgateway}}, jwtRules: [{issuer: x}]}`), 1},
		{"other namespace", pod + ra("web", rules), 0},
	}
	for _, tt := range tests {
		g := loadYAML(t, tt.yaml)
		var w *Workload
		for _, x := range g.Workloads() {
			if x.Name == "gw" {
				w = x
			}
		}
		if got := len(g.RequestAuthenticationsOf(w)); got != tt.want {
			t.Errorf("%s: %d policies; want %d", tt.name, got, tt.want)
		}
	}
}
