package graph

import (
	"bytes"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/reflect/protoreflect"
	meshconfig "istio.io/api/mesh/v1alpha1"

	"github.com/meshlint/meshlint/graph/istiospec"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/graph/yamldoc"
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
	// DefaultServiceExportTo is the exportTo of Services and ServiceEntries
	// that set none, DefaultDestinationRuleExportTo that of
	// DestinationRules. nil is Istio's default, every namespace; pointers
	// keep MeshConfig comparable.
	DefaultServiceExportTo         *[]string `yaml:"defaultServiceExportTo"`
	DefaultDestinationRuleExportTo *[]string `yaml:"defaultDestinationRuleExportTo"`
	// DefaultProviders are the telemetry providers used where a Telemetry
	// names none; nil when the mesh config sets none.
	DefaultProviders *DefaultProviders `yaml:"defaultProviders"`
	// ExtensionProviders are the providers Telemetry and AuthorizationPolicy
	// name; a pointer keeps MeshConfig comparable.
	ExtensionProviders *[]ExtensionProvider `yaml:"extensionProviders"`
}

// DefaultProviders is MeshConfig.defaultProviders: provider names.
type DefaultProviders struct {
	Tracing       []string `yaml:"tracing"`
	Metrics       []string `yaml:"metrics"`
	AccessLogging []string `yaml:"accessLogging"`
}

// ExtensionProvider is one entry of MeshConfig.extensionProviders: its
// name and its type, the key of the provider's settings ("lightstep",
// "opentelemetry", "envoyExtAuthzHttp", ...).
type ExtensionProvider struct {
	Name, Type string
}

// UnmarshalYAML reads the name and the one other key of an entry.
func (p *ExtensionProvider) UnmarshalYAML(n *yaml.Node) error {
	if n.Kind != yaml.MappingNode {
		return fmt.Errorf("line %d: an extension provider must be a mapping", n.Line)
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		switch key := n.Content[i].Value; key {
		case "name":
			p.Name = n.Content[i+1].Value
		default:
			p.Type = key
		}
	}
	return nil
}

// ExtensionProvider returns the extension provider named name; nil when
// the mesh config defines none by that name (compared without case).
func (mc MeshConfig) ExtensionProvider(name string) *ExtensionProvider {
	if mc.ExtensionProviders == nil {
		return nil
	}
	for i, p := range *mc.ExtensionProviders {
		if strings.EqualFold(p.Name, name) { // as istiod looks providers up
			return &(*mc.ExtensionProviders)[i]
		}
	}
	return nil
}

// serviceExportTo is the exportTo of a Service or ServiceEntry that
// declares exportTo: its own, else the mesh default.
func (mc MeshConfig) serviceExportTo(declared []string) []string {
	if len(declared) == 0 && mc.DefaultServiceExportTo != nil {
		return *mc.DefaultServiceExportTo
	}
	return declared
}

// ProxyConfig holds the ProxyConfig fields (MeshConfig.defaultConfig)
// meshlint reads.
type ProxyConfig struct {
	// ProxyMetadata is the environment given to every proxy, where
	// features such as DNS capture and address auto-allocation are switched
	// on (ISTIO_META_DNS_CAPTURE, ISTIO_META_DNS_AUTO_ALLOCATE).
	ProxyMetadata map[string]string `yaml:"proxyMetadata"`
	// Image.ImageType is the proxy image variant (distroless, debug).
	Image struct {
		ImageType string `yaml:"imageType"`
	} `yaml:"image"`
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
func ParseMeshConfig(src source.Source) (MeshConfig, error) {
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
		return mc, fmt.Errorf("%s:%d:%d: mesh config must be a mapping, got a %s", src.Path, root.Line, root.Column, yamldoc.NodeKindName(root))
	}
	if mesh, isConfigMap := configMapMesh(root); isConfigMap {
		if mesh == nil {
			return mc, fmt.Errorf("%s:%d:%d: ConfigMap has no data.mesh key holding the MeshConfig", src.Path, root.Line, root.Column)
		}
		inner, err := ParseMeshConfig(source.Source{Path: src.Path, Content: []byte(mesh.Value)})
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

// configMapMesh returns the data.mesh value of the istio ConfigMap, which
// carries the MeshConfig as a string; isConfigMap is false for a plain
// MeshConfig document.
func configMapMesh(root *yaml.Node) (mesh *yaml.Node, isConfigMap bool) {
	if kind := yamldoc.MappingValue(root, "kind"); kind == nil || kind.Value != "ConfigMap" {
		return nil, false
	}
	return yamldoc.MappingValue(yamldoc.MappingValue(root, "data"), "mesh"), true
}

// UnknownKey is a key a schema does not define, with the names it does.
type UnknownKey struct {
	Location
	Key   string
	Known []string
}

// UnknownMeshConfigKeys lists the keys of a mesh config file (a MeshConfig,
// or the istio ConfigMap carrying one under data.mesh) that MeshConfig
// does not define, at any depth. Istio reads mesh config leniently, so a
// misspelt key silently keeps Istio's default. A file that does not parse
// has none: ParseMeshConfig reports it.
func UnknownMeshConfigKeys(src source.Source) []UnknownKey {
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Content, &doc); err != nil || len(doc.Content) == 0 {
		return nil
	}
	root, lineShift, colShift := doc.Content[0], 0, 0
	if mesh, isConfigMap := configMapMesh(root); isConfigMap {
		var inner yaml.Node
		if mesh == nil || yaml.Unmarshal([]byte(mesh.Value), &inner) != nil || len(inner.Content) == 0 {
			return nil
		}
		root = inner.Content[0]
		lineShift, colShift = blockScalarShift(src.Content, mesh)
	}
	var out []UnknownKey
	walkUnknownKeys(root, (&meshconfig.MeshConfig{}).ProtoReflect().Descriptor(), func(key *yaml.Node, known []string) {
		at := Position{Line: key.Line + lineShift, Column: key.Column + colShift}
		out = append(out, UnknownKey{Location: Location{File: src.Path, Range: Range{Start: at, End: at}}, Key: key.Value, Known: known})
	})
	return out
}

// walkUnknownKeys calls unknown for each key of n, at any depth, that
// message md does not define, with the JSON names md does define.
func walkUnknownKeys(n *yaml.Node, md protoreflect.MessageDescriptor, unknown func(key *yaml.Node, known []string)) {
	if n == nil || n.Kind != yaml.MappingNode || istiospec.WellKnown(md) {
		return // well-known types (Struct, Duration...) have their own forms
	}
	fields := md.Fields()
	for i := 0; i+1 < len(n.Content); i += 2 {
		key, value := n.Content[i], n.Content[i+1]
		fd := fields.ByJSONName(key.Value)
		if fd == nil {
			fd = fields.ByName(protoreflect.Name(key.Value))
		}
		switch {
		case fd == nil:
			unknown(key, jsonNames(fields))
		case fd.IsMap():
			if vm := fd.MapValue().Message(); vm != nil && value.Kind == yaml.MappingNode {
				for j := 1; j < len(value.Content); j += 2 {
					walkUnknownKeys(value.Content[j], vm, unknown)
				}
			}
		case fd.Message() == nil:
		case fd.IsList() && value.Kind == yaml.SequenceNode:
			for _, item := range value.Content {
				walkUnknownKeys(item, fd.Message(), unknown)
			}
		default:
			walkUnknownKeys(value, fd.Message(), unknown)
		}
	}
}

func jsonNames(fields protoreflect.FieldDescriptors) []string {
	names := make([]string, fields.Len())
	for i := range names {
		names[i] = fields.Get(i).JSONName()
	}
	return names
}

// blockScalarShift is how far positions inside a block scalar (`mesh: |`)
// lie from positions in the file: its content starts on the next line,
// indented by the first content line's indentation.
func blockScalarShift(content []byte, scalar *yaml.Node) (lines, cols int) {
	if scalar.Style&(yaml.LiteralStyle|yaml.FoldedStyle) == 0 {
		return scalar.Line - 1, scalar.Column // a one-line value: roughly right
	}
	line := 0
	for l := range bytes.Lines(content) {
		if line++; line > scalar.Line && len(bytes.TrimSpace(l)) > 0 {
			return scalar.Line, len(l) - len(bytes.TrimLeft(l, " "))
		}
	}
	return scalar.Line, 0
}

// ProviderSource is an extension provider and where it is defined: in
// the mesh config given to meshlint (Source nil) or in an IstioOperator
// of the files, at Path.
type ProviderSource struct {
	ExtensionProvider
	Source *Resource
	Path   string
}

// ExtensionProvider returns the extension provider named name (compared
// without case, as istiod does): from the mesh config when it defines
// extension providers, else from the spec.meshConfig of an IstioOperator
// in the files. ok is false when neither defines it.
func (g *Graph) ExtensionProvider(name string) (ProviderSource, bool) {
	if g.opts.Mesh.ExtensionProviders != nil {
		p := g.opts.Mesh.ExtensionProvider(name)
		if p == nil {
			return ProviderSource{}, false
		}
		return ProviderSource{ExtensionProvider: *p}, true
	}
	for _, r := range g.OfKind(KindIstioOperator) {
		list, _ := lookupMap(r.Object, "spec.meshConfig")["extensionProviders"].([]any)
		for i, v := range list {
			m, _ := v.(map[string]any)
			if n, _ := m["name"].(string); strings.EqualFold(n, name) {
				return ProviderSource{ExtensionProvider: ExtensionProvider{Name: n, Type: providerType(m)}, Source: r,
					Path: IndexPath("spec.meshConfig.extensionProviders", i)}, true
			}
		}
	}
	return ProviderSource{}, false
}

// providerType is the key of an extension provider entry other than name.
func providerType(m map[string]any) string {
	for k := range m {
		if k != "name" {
			return k
		}
	}
	return ""
}
