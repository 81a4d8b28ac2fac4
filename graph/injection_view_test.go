package graph

import (
	"fmt"
	"strings"
	"testing"
)

func TestInjection(t *testing.T) {
	tests := []struct {
		name            string
		nsLabels        string // "" for no Namespace object; "{}" for no labels
		podLabels       string
		podAnnotations  string
		hostNetwork     bool
		image           string
		namespace       string
		wantMode        string
		wantByWorkload  bool
		wantReasonMatch string
	}{
		{name: "namespace enabled", nsLabels: "{istio-injection: enabled}", wantMode: ModeSidecar, wantReasonMatch: "istio-injection: enabled"},
		{name: "pod false wins over enabled", nsLabels: "{istio-injection: enabled}", podLabels: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeOutside, wantByWorkload: true, wantReasonMatch: "wins"},
		{name: "annotation false opts out when selected", nsLabels: "{istio-injection: enabled}", podAnnotations: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeOutside, wantByWorkload: true},
		{name: "label beats annotation", nsLabels: "{istio-injection: enabled}", podLabels: `{sidecar.istio.io/inject: "true"}`, podAnnotations: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeSidecar},
		{name: "namespace disabled wins over pod true", nsLabels: "{istio-injection: disabled}", podLabels: `{sidecar.istio.io/inject: "true"}`, wantMode: ModeOutside, wantReasonMatch: "no webhook"},
		{name: "namespace revision", nsLabels: "{istio.io/rev: canary}", wantMode: ModeSidecar, wantReasonMatch: "canary"},
		{name: "pod label true in unlabelled namespace", nsLabels: "{}", podLabels: `{sidecar.istio.io/inject: "true"}`, wantMode: ModeSidecar, wantByWorkload: true},
		{name: "pod revision in unlabelled namespace", nsLabels: "{}", podLabels: "{istio.io/rev: canary}", wantMode: ModeSidecar, wantByWorkload: true},
		{name: "annotation true alone does nothing", nsLabels: "{}", podAnnotations: `{sidecar.istio.io/inject: "true"}`, wantMode: ModeOutside},
		{name: "proxy image", nsLabels: "{}", image: "docker.io/istio/proxyv2:1.24.0", wantMode: ModeSidecar, wantByWorkload: true, wantReasonMatch: "proxyv2"},
		{name: "proxy image by digest", image: "proxyv2@sha256:abc", wantMode: ModeSidecar, wantByWorkload: true},
		{name: "an image named like it", nsLabels: "{}", image: "example/proxyv2-exporter:1.0", wantMode: ModeOutside},
		{name: "hostNetwork never injected", nsLabels: "{istio-injection: enabled}", hostNetwork: true, wantMode: ModeOutside, wantByWorkload: true, wantReasonMatch: "hostNetwork"},
		{name: "system namespace", namespace: "kube-system", nsLabels: "{istio-injection: enabled}", wantMode: ModeOutside, wantReasonMatch: "system namespace"},
		{name: "ambient namespace", nsLabels: "{istio.io/dataplane-mode: ambient}", wantMode: ModeAmbient},
		{name: "ambient namespace moved from sidecars", nsLabels: "{istio-injection: disabled, istio.io/dataplane-mode: ambient}", wantMode: ModeAmbient},
		{name: "ambient pod", nsLabels: "{}", podLabels: "{istio.io/dataplane-mode: ambient}", wantMode: ModeAmbient, wantByWorkload: true},
		{name: "ambient pod opts out of an injected namespace", nsLabels: "{istio-injection: enabled}", podLabels: `{sidecar.istio.io/inject: "false", istio.io/dataplane-mode: ambient}`, wantMode: ModeAmbient, wantByWorkload: true},
		{name: "pod opts out of ambient namespace", nsLabels: "{istio.io/dataplane-mode: ambient}", podLabels: "{istio.io/dataplane-mode: none}", wantMode: ModeOutside, wantByWorkload: true},
		{name: "pod label other than none stays captured", nsLabels: "{istio.io/dataplane-mode: ambient}", podLabels: "{istio.io/dataplane-mode: sidecar}", wantMode: ModeAmbient},
		{name: "pod label other than ambient asks for nothing", nsLabels: "{}", podLabels: "{istio.io/dataplane-mode: sidecar}", wantMode: ModeOutside, wantByWorkload: true},
		{name: "injection wins over ambient namespace", nsLabels: "{istio-injection: enabled, istio.io/dataplane-mode: ambient}", wantMode: ModeSidecar},
		{name: "injection wins over ambient pod", nsLabels: "{istio.io/rev: canary}", podLabels: "{istio.io/dataplane-mode: ambient}", wantMode: ModeSidecar},
		{name: "opted out of injection, captured by ambient namespace", nsLabels: "{istio-injection: enabled, istio.io/dataplane-mode: ambient}", podLabels: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeAmbient, wantByWorkload: true},
		{name: "annotation opt-out, captured by ambient namespace", nsLabels: "{istio-injection: enabled, istio.io/dataplane-mode: ambient}", podAnnotations: `{sidecar.istio.io/inject: "false"}`, wantMode: ModeAmbient, wantByWorkload: true},
		{name: "hostNetwork never captured", nsLabels: "{istio.io/dataplane-mode: ambient}", hostNetwork: true, wantMode: ModeOutside, wantByWorkload: true},
		{name: "unlabelled namespace", nsLabels: "{}", wantMode: ModeOutside},
		{name: "namespace not in the files", wantMode: ModeUnknown},
		{name: "templated namespace label", nsLabels: `{istio-injection: "{{ .Values.injection }}"}`, wantMode: ModeUnknown, wantReasonMatch: "placeholder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ns := tt.namespace
			if ns == "" {
				ns = "shop"
			}
			var docs []string
			if tt.nsLabels != "" {
				docs = append(docs, fmt.Sprintf("apiVersion: v1\nkind: Namespace\nmetadata:\n  name: %s\n  labels: %s\n", ns, tt.nsLabels))
			}
			pod := fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata:\n  name: app\n  namespace: %s\n", ns)
			if tt.podLabels != "" {
				pod += "  labels: " + tt.podLabels + "\n"
			}
			if tt.podAnnotations != "" {
				pod += "  annotations: " + tt.podAnnotations + "\n"
			}
			image := tt.image
			if image == "" {
				image = "example/app"
			}
			pod += fmt.Sprintf("spec:\n  hostNetwork: %v\n  containers:\n  - name: app\n    image: %s\n", tt.hostNetwork, image)
			g := loadYAML(t, strings.Join(append(docs, pod), "---\n"))
			v := g.Injection(mustGet(t, g, KindPod, ns, "app"))
			if v.Mode != tt.wantMode || v.ByWorkload != tt.wantByWorkload || !strings.Contains(v.Reason, tt.wantReasonMatch) {
				t.Errorf("Injection = %+v, want mode %s, byWorkload %v, reason containing %q", v, tt.wantMode, tt.wantByWorkload, tt.wantReasonMatch)
			}
		})
	}
}

// An istio-proxy container with image "auto" waits for injection: it
// decides nothing, the labels do.
func TestInjectionImageAuto(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: v1",
		"kind: Namespace",
		"metadata: {name: edge}",
		"---",
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: gw, namespace: edge}",
		"spec: {containers: [{name: istio-proxy, image: auto}]}",
		"---",
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: gw2, namespace: edge, labels: {sidecar.istio.io/inject: \"true\"}}",
		"spec: {containers: [{name: istio-proxy, image: auto}]}",
	))
	gw := g.Get(Key{KindPod, "edge", "gw"})
	if v := g.Injection(gw); v.Mode != ModeOutside || gw.Workload.ProxyAutoPath != "spec.containers[0].image" {
		t.Errorf("gw: %+v, path %q", v, gw.Workload.ProxyAutoPath)
	}
	if v := g.Injection(g.Get(Key{KindPod, "edge", "gw2"})); v.Mode != ModeSidecar {
		t.Errorf("gw2: %+v", v)
	}
}
