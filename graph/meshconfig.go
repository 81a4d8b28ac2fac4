package graph

import (
	"fmt"

	yaml "go.yaml.in/yaml/v3"
)

// MeshConfig holds the MeshConfig fields meshlint reads. Defaults follow
// Istio's (root namespace istio-system, ingress service
// istio-ingressgateway, ingress selector ingressgateway).
type MeshConfig struct {
	RootNamespace   string `yaml:"rootNamespace"`
	IngressService  string `yaml:"ingressService"`
	IngressSelector string `yaml:"ingressSelector"`
	// DefaultConfig is the mesh-wide proxy configuration. It is a pointer
	// so that MeshConfig stays comparable: Build compares Options.Mesh
	// with the zero value to apply the defaults.
	DefaultConfig *ProxyConfig `yaml:"defaultConfig"`
}

// ProxyConfig holds the ProxyConfig fields (MeshConfig.defaultConfig)
// meshlint reads.
type ProxyConfig struct {
	// ProxyMetadata is the environment given to every proxy, where
	// features such as DNS capture and address auto-allocation are switched
	// on (ISTIO_META_DNS_CAPTURE, ISTIO_META_DNS_AUTO_ALLOCATE).
	ProxyMetadata map[string]string `yaml:"proxyMetadata"`
}

// ProxyMetadata returns defaultConfig.proxyMetadata; nil when not set.
func (mc MeshConfig) ProxyMetadata() map[string]string {
	if mc.DefaultConfig == nil {
		return nil
	}
	return mc.DefaultConfig.ProxyMetadata
}

// DefaultMeshConfig is Istio's default MeshConfig, as far as meshlint reads it.
func DefaultMeshConfig() MeshConfig {
	return MeshConfig{RootNamespace: "istio-system", IngressService: DefaultIngressName, IngressSelector: "ingressgateway"}
}

// ParseMeshConfig reads a MeshConfig YAML document over the defaults. It
// also accepts the `istio` ConfigMap that carries the MeshConfig under
// data.mesh. Errors name the file and line.
func ParseMeshConfig(src Source) (MeshConfig, error) {
	mc := DefaultMeshConfig()
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Content, &doc); err != nil {
		return mc, fmt.Errorf("%s: %v", src.Path, err)
	}
	if len(doc.Content) == 0 {
		return mc, nil
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return mc, fmt.Errorf("%s:%d:%d: mesh config must be a mapping, got a %s", src.Path, root.Line, root.Column, nodeKindName(root))
	}
	if kind := mappingValue(root, "kind"); kind != nil && kind.Value == "ConfigMap" {
		mesh := mappingValue(mappingValue(root, "data"), "mesh")
		if mesh == nil {
			return mc, fmt.Errorf("%s:%d:%d: ConfigMap has no data.mesh key holding the MeshConfig", src.Path, root.Line, root.Column)
		}
		inner, err := ParseMeshConfig(Source{Path: src.Path, Content: []byte(mesh.Value)})
		if err != nil {
			return mc, fmt.Errorf("%s (data.mesh at line %d): %v", src.Path, mesh.Line, err)
		}
		return inner, nil
	}
	if err := root.Decode(&mc); err != nil {
		return mc, fmt.Errorf("%s: %v", src.Path, err)
	}
	return mc, nil
}

// IngressWorkload is the default ingress gateway a MeshConfig implies:
// Service ingressService in the root namespace, pods labelled
// istio=<ingressSelector>.
func (mc MeshConfig) IngressWorkload() *Workload {
	return &Workload{
		Namespace: mc.RootNamespace, Name: mc.IngressService,
		Labels: map[string]string{"istio": mc.IngressSelector, "app": mc.IngressService},
	}
}
