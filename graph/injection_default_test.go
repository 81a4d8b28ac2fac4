package graph

import (
	"fmt"
	"strings"
	"testing"
)

// TestInjectionEnabledByDefault: with enableNamespacesByDefault, the
// extra webhook selects pods that neither they nor their namespace label;
// every label still decides as without it.
func TestInjectionEnabledByDefault(t *testing.T) {
	tests := []struct {
		name, nsLabels, podLabels, podAnnotations, namespace string
		wantMode, wantReason                                 string
	}{
		{name: "unlabelled namespace", nsLabels: "{}", wantMode: ModeSidecar, wantReason: "enableNamespacesByDefault"},
		{name: "namespace disabled", nsLabels: "{istio-injection: disabled}", wantMode: ModeOutside, wantReason: "no webhook"},
		{name: "ambient namespace disabled", nsLabels: "{istio-injection: disabled, istio.io/dataplane-mode: ambient}", wantMode: ModeAmbient},
		{name: "ambient namespace without istio-injection", nsLabels: "{istio.io/dataplane-mode: ambient}", wantMode: ModeSidecar, wantReason: "enableNamespacesByDefault"},
		{name: "pod label false", nsLabels: "{}", podLabels: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeOutside, wantReason: "opts it out"},
		{name: "pod annotation false", nsLabels: "{}", podAnnotations: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeOutside, wantReason: "annotation"},
		{name: "pod label of another value", nsLabels: "{}", podLabels: `{sidecar.istio.io/inject: "no"}`, wantMode: ModeOutside, wantReason: "neither"},
		{name: "namespace revision label", nsLabels: "{istio.io/rev: canary}", wantMode: ModeSidecar, wantReason: "canary"},
		{name: "system namespace", namespace: "kube-system", nsLabels: "{}", wantMode: ModeOutside, wantReason: "system namespace"},
		{name: "namespace not in the files", wantMode: ModeUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			on := true
			opts := DefaultOptions()
			opts.EnableNamespacesByDefault = &on
			g := loadYAMLOpts(t, opts, injectionDoc(tt.namespace, tt.nsLabels, tt.podLabels, tt.podAnnotations))
			v := g.Injection(mustGet(t, g, KindPod, nsOr(tt.namespace), "app"))
			if v.Mode != tt.wantMode || !strings.Contains(v.Reason, tt.wantReason) {
				t.Errorf("Injection = %+v, want mode %s, reason containing %q", v, tt.wantMode, tt.wantReason)
			}
		})
	}
}

// TestInjectByDefaultFromOperator: an IstioOperator of the default
// revision that sets the value decides unless the user states it, and the
// verdict points at its field.
func TestInjectByDefaultFromOperator(t *testing.T) {
	operator := func(rev string, on bool) string {
		return fmt.Sprintf("apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nspec:\n  revision: %q\n  values:\n    sidecarInjectorWebhook:\n      enableNamespacesByDefault: %v\n---\n", rev, on)
	}
	off := false
	tests := []struct {
		name, operators string
		stated          *bool
		wantMode        string
		wantDecider     bool
	}{
		{name: "operator enables", operators: operator("", true), wantMode: ModeSidecar, wantDecider: true},
		{name: "operator of a revision", operators: operator("canary", true), wantMode: ModeOutside},
		{name: "operators disagree", operators: operator("", true) + operator("", false), wantMode: ModeOutside},
		{name: "config wins", operators: operator("", true), stated: &off, wantMode: ModeOutside},
		{name: "no operator", wantMode: ModeOutside},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opts := DefaultOptions()
			opts.EnableNamespacesByDefault = tt.stated
			g := loadYAMLOpts(t, opts, tt.operators+injectionDoc("", "{}", "", ""))
			v := g.Injection(mustGet(t, g, KindPod, "shop", "app"))
			if v.Mode != tt.wantMode || (v.Decider != nil && v.Decider.Is(KindIstioOperator)) != tt.wantDecider {
				t.Fatalf("Injection = %+v, want mode %s, decided by the operator %v", v, tt.wantMode, tt.wantDecider)
			}
			if tt.wantDecider && (v.Path != enableByDefaultPath || !strings.Contains(v.Reason, "IstioOperator")) {
				t.Errorf("Injection = %+v, want the operator's field named", v)
			}
		})
	}
}

func nsOr(ns string) string {
	if ns == "" {
		return "shop"
	}
	return ns
}

// injectionDoc is a Namespace (none when nsLabels is "") and a Pod in it.
func injectionDoc(namespace, nsLabels, podLabels, podAnnotations string) string {
	ns := nsOr(namespace)
	var doc string
	if nsLabels != "" {
		doc = fmt.Sprintf("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels: %s\n---\n", ns, nsLabels)
	}
	doc += fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: %s\n", ns)
	if podLabels != "" {
		doc += "  labels: " + podLabels + "\n"
	}
	if podAnnotations != "" {
		doc += "  annotations: " + podAnnotations + "\n"
	}
	return doc + "spec:\n  containers:\n  - name: app\n    image: example/app\n"
}

// TestInjectByDefaultFromConfigMap: without an IstioOperator saying it,
// the default revision's injector ConfigMap does; a revision's does not.
func TestInjectByDefaultFromConfigMap(t *testing.T) {
	cm := func(name string, on bool) string {
		return fmt.Sprintf("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: %s, namespace: istio-system}\ndata:\n  values: '{\"sidecarInjectorWebhook\": {\"enableNamespacesByDefault\": %v}}'\n---\n", name, on)
	}
	for name, tt := range map[string]struct {
		docs string
		want string
	}{
		"default revision": {cm("istio-sidecar-injector", true), ModeSidecar},
		"a revision":       {cm("istio-sidecar-injector-canary", true), ModeOutside},
		"off":              {cm("istio-sidecar-injector", false), ModeOutside},
	} {
		g := loadYAML(t, tt.docs+injectionDoc("", "{}", "", ""))
		v := g.Injection(mustGet(t, g, KindPod, "shop", "app"))
		if v.Mode != tt.want || (tt.want == ModeSidecar && (v.Decider == nil || v.Path != "data.values")) {
			t.Errorf("%s: Injection = %+v; want mode %s", name, v, tt.want)
		}
	}
}
