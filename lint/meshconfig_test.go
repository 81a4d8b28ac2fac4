package lint_test

import (
	"slices"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/lint"
)

// TestMeshConfigWarnings: unknown keys of a mesh config, at any depth and
// inside the istio ConfigMap, are named with their position and the field
// they most likely misspell; well-known types and maps are not walked into.
func TestMeshConfigWarnings(t *testing.T) {
	tests := []struct {
		name, text string
		want       []string
	}{
		{"clean", "rootNamespace: istio-system\ndefaultConfig:\n  proxyMetadata: {ISTIO_META_DNS_CAPTURE: \"true\"}\n  holdApplicationUntilProxyStarts: true\noutboundTrafficPolicy: {mode: REGISTRY_ONLY}\nextensionProviders:\n- name: otel\n  opentelemetry: {service: otel.observability.svc.cluster.local, port: 4317}\n", nil},
		{"typos at two depths", "rootNamespce: istio-system\ndefaultConfig:\n  proxyMetdata: {A: b}\n", []string{
			`m.yaml:1:1: unknown MeshConfig field "rootNamespce" (did you mean "rootNamespace"?); Istio ignores it`,
			`m.yaml:3:3: unknown MeshConfig field "proxyMetdata" (did you mean "proxyMetadata"?); Istio ignores it`,
		}},
		{"in a list of messages", "extensionProviders:\n- name: x\n  envoyExtAuthzHttp: {service: a, port: 80, timout: 1s}\n", []string{
			`m.yaml:3:45: unknown MeshConfig field "timout" (did you mean "timeout"?); Istio ignores it`,
		}},
		{"the istio ConfigMap", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio, namespace: istio-system}\ndata:\n  mesh: |-\n    accessLogFile: /dev/stdout\n    enableTracng: true\n", []string{
			`m.yaml:7:5: unknown MeshConfig field "enableTracng" (did you mean "enableTracing"?); Istio ignores it`,
		}},
		{"not YAML", "a: [\n", nil},
	}
	for _, tt := range tests {
		got := lint.MeshConfigWarnings(source.Source{Path: "m.yaml", Content: []byte(tt.text)})
		if !slices.Equal(got, tt.want) {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}
