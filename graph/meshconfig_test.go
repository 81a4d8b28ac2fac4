// An external test package: its names cannot clash with the helpers of the
// package's internal tests.
package graph_test

import (
	"maps"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
)

func TestParseMeshConfig(t *testing.T) {
	def := graph.DefaultMeshConfig()
	for _, tc := range []struct {
		name, yaml    string
		rootNamespace string
		proxyMetadata map[string]string
	}{
		{"empty", "", def.RootNamespace, nil},
		{"other fields keep their defaults", "rootNamespace: mesh-root\n", "mesh-root", nil},
		{"proxy metadata", "defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: \"true\"\n    ISTIO_META_DNS_AUTO_ALLOCATE: \"true\"\n",
			def.RootNamespace, map[string]string{"ISTIO_META_DNS_CAPTURE": "true", "ISTIO_META_DNS_AUTO_ALLOCATE": "true"}},
		// Users write the flag unquoted as often as quoted; both mean "true".
		{"unquoted boolean value", "defaultConfig:\n  proxyMetadata:\n    ISTIO_META_DNS_CAPTURE: true\n",
			def.RootNamespace, map[string]string{"ISTIO_META_DNS_CAPTURE": "true"}},
		{"defaultConfig without proxyMetadata", "defaultConfig:\n  concurrency: 2\n", def.RootNamespace, nil},
		{"istio ConfigMap", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: istio}\ndata:\n  mesh: |\n    rootNamespace: mesh-root\n" +
			"    defaultConfig:\n      proxyMetadata:\n        ISTIO_META_DNS_CAPTURE: \"true\"\n",
			"mesh-root", map[string]string{"ISTIO_META_DNS_CAPTURE": "true"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mc, err := graph.ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte(tc.yaml)})
			if err != nil {
				t.Fatal(err)
			}
			if mc.RootNamespace != tc.rootNamespace || mc.IngressService != def.IngressService {
				t.Errorf("root namespace %q, ingress service %q; want %q, %q", mc.RootNamespace, mc.IngressService, tc.rootNamespace, def.IngressService)
			}
			if got := mc.ProxyMetadata(); !maps.Equal(got, tc.proxyMetadata) {
				t.Errorf("proxy metadata %v, want %v", got, tc.proxyMetadata)
			}
		})
	}
}

func TestParseMeshConfigErrors(t *testing.T) {
	for _, tc := range []struct{ name, yaml, want string }{
		{"not a mapping", "- a\n", "mesh.yaml:1:1: mesh config must be a mapping"},
		{"ConfigMap without data.mesh", "kind: ConfigMap\ndata: {}\n", "no data.mesh key"},
		{"proxyMetadata not a mapping", "defaultConfig:\n  proxyMetadata: [a]\n", "cannot unmarshal"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := graph.ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte(tc.yaml)})
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("error %v, want one containing %q", err, tc.want)
			}
		})
	}
}

// A parsed MeshConfig reaches the analyzers as given: the graph replaces
// only the zero value with the defaults.
func TestMeshConfigReachesGraph(t *testing.T) {
	mc, err := graph.ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte("defaultConfig:\n  proxyMetadata: {A: b}\n")})
	if err != nil {
		t.Fatal(err)
	}
	opts := graph.DefaultOptions()
	opts.Mesh = mc
	if got := graph.Load(nil, opts).Options().Mesh.ProxyMetadata()["A"]; got != "b" {
		t.Errorf("proxy metadata A = %q in the graph, want b", got)
	}
	if got := graph.Load(nil, graph.Options{}).Options().Mesh; got.RootNamespace != "istio-system" || got.ProxyMetadata() != nil {
		t.Errorf("zero options: mesh config %+v, want the defaults", got)
	}
}

// TestParseMeshConfigProviders: defaultProviders and the name and type of
// each extension provider.
func TestParseMeshConfigProviders(t *testing.T) {
	mc, err := graph.ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte(
		"defaultProviders: {accessLogging: [envoy], tracing: [otel]}\n" +
			"extensionProviders:\n- name: otel\n  opentelemetry: {service: otel.svc, port: 4317}\n- name: ls\n  lightstep: {service: ls.svc, port: 443}\n")})
	if err != nil {
		t.Fatal(err)
	}
	if mc.DefaultProviders == nil || strings.Join(mc.DefaultProviders.AccessLogging, ",") != "envoy" {
		t.Errorf("defaultProviders %+v", mc.DefaultProviders)
	}
	if p := mc.ExtensionProvider("LS"); p == nil || p.Type != "lightstep" {
		t.Errorf("provider LS = %+v; want lightstep", p)
	}
	if p := mc.ExtensionProvider("zipkin"); p != nil || graph.DefaultMeshConfig().ExtensionProvider("otel") != nil {
		t.Errorf("unknown provider found: %+v", p)
	}
}

// TestExtensionProviderFromOperator: without a mesh config, the providers
// of an IstioOperator in the files count.
func TestExtensionProviderFromOperator(t *testing.T) {
	g := graph.Load([]source.Source{{Path: "iop.yaml", Content: []byte(
		"apiVersion: install.istio.io/v1alpha1\nkind: IstioOperator\nmetadata: {name: main, namespace: istio-system}\n" +
			"spec:\n  meshConfig:\n    extensionProviders:\n    - name: ls\n      lightstep: {service: ls.svc, port: 443}\n")}}, graph.DefaultOptions())
	p, ok := g.ExtensionProvider("LS")
	if !ok || p.Type != "lightstep" || p.Source == nil || p.Path != "spec.meshConfig.extensionProviders[0]" {
		t.Errorf("ExtensionProvider(LS) = %+v, %v", p, ok)
	}
	if _, ok := g.ExtensionProvider("otel"); ok {
		t.Error("otel found")
	}
}
