package lint

import (
	"bytes"
	"fmt"
	"strings"

	yaml "go.yaml.in/yaml/v3"
	"google.golang.org/protobuf/reflect/protoreflect"
	meshconfig "istio.io/api/mesh/v1alpha1"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// MeshConfigWarnings lists the keys of a mesh config file (a MeshConfig,
// or the istio ConfigMap carrying one under data.mesh) that MeshConfig
// does not define, each as "file:line:col: message". Istio reads mesh
// config leniently, so a misspelt key silently keeps Istio's default;
// meshlint reads only a few fields, and would not notice either.
func MeshConfigWarnings(src graph.Source) []string {
	var doc yaml.Node
	if err := yaml.Unmarshal(src.Content, &doc); err != nil || len(doc.Content) == 0 {
		return nil // ParseMeshConfig reports what does not parse
	}
	root, lineShift, colShift := doc.Content[0], 0, 0
	if kind := mapValue(root, "kind"); kind != nil && kind.Value == "ConfigMap" {
		mesh := mapValue(mapValue(root, "data"), "mesh")
		var inner yaml.Node
		if mesh == nil || yaml.Unmarshal([]byte(mesh.Value), &inner) != nil || len(inner.Content) == 0 {
			return nil
		}
		root = inner.Content[0]
		lineShift, colShift = blockScalarShift(src.Content, mesh)
	}
	var out []string
	walkMeshConfig(root, (&meshconfig.MeshConfig{}).ProtoReflect().Descriptor(), func(key *yaml.Node, known []string) {
		msg := fmt.Sprintf("%s:%d:%d: unknown MeshConfig field %q", src.Path, key.Line+lineShift, key.Column+colShift, key.Value)
		if s := schemas.Suggest(key.Value, known); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", s)
		}
		out = append(out, msg+"; Istio ignores it")
	})
	return out
}

// walkMeshConfig calls unknown for each key of n, at any depth, that
// message md does not define, with the names md does define.
func walkMeshConfig(n *yaml.Node, md protoreflect.MessageDescriptor, unknown func(key *yaml.Node, known []string)) {
	if n == nil || n.Kind != yaml.MappingNode || md.FullName().Parent() == "google.protobuf" {
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
					walkMeshConfig(value.Content[j], vm, unknown)
				}
			}
		case fd.Message() == nil:
		case fd.IsList() && value.Kind == yaml.SequenceNode:
			for _, item := range value.Content {
				walkMeshConfig(item, fd.Message(), unknown)
			}
		default:
			walkMeshConfig(value, fd.Message(), unknown)
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

func mapValue(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
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
			return scalar.Line, len(l) - len(strings.TrimLeft(string(l), " "))
		}
	}
	return scalar.Line, 0
}
