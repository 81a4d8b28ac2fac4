package graph

import (
	"fmt"
	"strings"
	"testing"
)

// TestPolicyWorkloadEdges: a policy's selector selects the workloads of
// its namespace, of every namespace from the root namespace (a Sidecar
// or Telemetry excepted); a policy without selector, or attached by targetRefs, has
// no edge.
func TestPolicyWorkloadEdges(t *testing.T) {
	pod := func(ns string) string {
		return fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: %s, labels: {app: web}}\nspec: {containers: [{name: web, image: web}]}\n", ns)
	}
	policy := func(kind, ns, name, spec string) string {
		return fmt.Sprintf("apiVersion: %s\nkind: %s\nmetadata: {name: %s, namespace: %s}\nspec: %s\n", apiVersionOf(kind), kind, name, ns, spec)
	}
	g := loadYAML(t, strings.Join([]string{
		pod("apps"), pod("other"), pod("istio-system"),
		policy("AuthorizationPolicy", "apps", "ap", "{selector: {matchLabels: {app: web}}}"),
		policy("AuthorizationPolicy", "istio-system", "root-ap", "{selector: {matchLabels: {app: web}}}"),
		policy("Sidecar", "istio-system", "root-sidecar", "{workloadSelector: {labels: {app: web}}}"),
		policy("EnvoyFilter", "apps", "ef", "{workloadSelector: {labels: {app: web}}}"),
		policy("Telemetry", "istio-system", "root-telemetry", "{selector: {matchLabels: {app: web}}}"),
		policy("PeerAuthentication", "apps", "ns-wide", "{mtls: {mode: STRICT}}"),
		policy("Telemetry", "apps", "empty", "{selector: {matchLabels: {}}}"),
		policy("WasmPlugin", "apps", "by-ref", "{url: oci://x, targetRefs: [{kind: Service, name: web}]}"),
		policy("RequestAuthentication", "apps", "none", "{selector: {matchLabels: {app: db}}}"),
	}, "---\n"))
	tests := []struct {
		kind      GroupKind
		ns, name  string
		path      string // "" for no edge
		workloads []string
	}{
		{KindAuthorizationPolicy, "apps", "ap", "spec.selector", []string{"apps/web"}},
		{KindAuthorizationPolicy, "istio-system", "root-ap", "spec.selector", []string{"apps/web", "istio-system/web", "other/web"}},
		{KindSidecar, "istio-system", "root-sidecar", "spec.workloadSelector", []string{"istio-system/web"}},
		{KindEnvoyFilter, "apps", "ef", "spec.workloadSelector", []string{"apps/web"}},
		{KindTelemetry, "istio-system", "root-telemetry", "spec.selector", []string{"istio-system/web"}},
		{KindPeerAuthentication, "apps", "ns-wide", "", nil},
		{KindTelemetry, "apps", "empty", "", nil},
		{KindWasmPlugin, "apps", "by-ref", "", nil},
		{KindRequestAuthentication, "apps", "none", "spec.selector", []string{}},
	}
	for _, tt := range tests {
		es := g.EdgesFrom(mustGet(t, g, tt.kind, tt.ns, tt.name), EdgePolicyWorkload)
		switch {
		case tt.path == "" && len(es) != 0:
			t.Errorf("%s: %d edges; want none", tt.name, len(es))
		case tt.path == "":
		case len(es) != 1 || es[0].Path != tt.path:
			t.Errorf("%s: edges %v; want one at %s", tt.name, es, tt.path)
		case !equalStrings(workloadNames(es[0].Workloads), tt.workloads):
			t.Errorf("%s: workloads %v; want %v", tt.name, workloadNames(es[0].Workloads), tt.workloads)
		}
	}
}

func apiVersionOf(kind string) string {
	switch kind {
	case "Sidecar", "EnvoyFilter":
		return "networking.istio.io/v1alpha3"
	case "Telemetry":
		return "telemetry.istio.io/v1"
	case "WasmPlugin":
		return "extensions.istio.io/v1alpha1"
	}
	return "security.istio.io/v1"
}
