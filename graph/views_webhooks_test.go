package graph

import "testing"

func TestWebhooks(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: admissionregistration.k8s.io/v1",
		"kind: MutatingWebhookConfiguration",
		"metadata: {name: istio-sidecar-injector}",
		"webhooks:",
		"- name: rev.namespace.sidecar-injector.istio.io",
		"  clientConfig: {url: null}",
		"  namespaceSelector:",
		"    matchLabels: {istio.io/rev: canary}",
		"    matchExpressions: [{key: istio-injection, operator: DoesNotExist}]",
		"- name: object.example.com",
		"  clientConfig: {service: {name: istiod, namespace: istio-system}}",
		"  objectSelector: {matchExpressions: [{key: app, operator: Bogus}]}",
	))
	whs := Webhooks(g.OfKind(KindMutatingWebhookConfiguration)[0])
	if len(whs) != 2 {
		t.Fatalf("got %d webhooks; want 2", len(whs))
	}
	a, b := whs[0], whs[1]
	if a.HasURL || a.Service != "" || !a.IstioWebhook() || a.Path != "webhooks[0]" {
		t.Errorf("first webhook = %+v", a)
	}
	if b.Service != "istio-system/istiod" || b.IstioWebhook() {
		t.Errorf("second webhook = %+v", b)
	}
	ns := a.NamespaceSelector
	for labels, want := range map[string]bool{"canary": true, "canary,inject": false, "": false} {
		l := map[string]string{}
		if labels != "" {
			l["istio.io/rev"] = "canary"
		}
		if labels == "canary,inject" {
			l["istio-injection"] = "enabled"
		}
		if got := ns.Matches(l); got != want {
			t.Errorf("Matches(%v) = %v; want %v", l, got, want)
		}
	}
	if got := ns.Values("istio.io/rev"); len(got) != 1 || got[0] != "canary" {
		t.Errorf("Values = %q", got)
	}
	if b.ObjectSelector.Matches(map[string]string{"app": "x"}) || !b.NamespaceSelector.Matches(nil) {
		t.Error("an invalid selector matches nothing; an absent one everything")
	}
}
