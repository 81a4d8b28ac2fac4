package schemas

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/internal/lazyre"
)

// crdFile is the part of a CustomResourceDefinition that carries schemas,
// in apiextensions.k8s.io/v1 or the older v1beta1 (one schema for all
// versions, in spec.validation).
type crdFile struct {
	APIVersion string `yaml:"apiVersion"`
	Kind       string `yaml:"kind"`
	Spec       struct {
		Group string `yaml:"group"`
		Names struct {
			Kind string `yaml:"kind"`
		} `yaml:"names"`
		Version    string           `yaml:"version"`
		Validation *crdFileSchema   `yaml:"validation"`
		Versions   []crdFileVersion `yaml:"versions"`
	} `yaml:"spec"`
}

type crdFileVersion struct {
	Name               string         `yaml:"name"`
	Served             bool           `yaml:"served"`
	Deprecated         bool           `yaml:"deprecated"`
	DeprecationWarning string         `yaml:"deprecationWarning"`
	Schema             *crdFileSchema `yaml:"schema"`
}

type crdFileSchema struct {
	OpenAPIV3Schema any `yaml:"openAPIV3Schema"`
}

// CRDs are the schemas read from CRD files, and the documents skipped
// there because they are not CustomResourceDefinitions (a CRD bundle may
// ship its ValidatingAdmissionPolicy too), each as "file:line: why".
type CRDs struct {
	Entries []*Entry
	Skipped []string
}

// ReadCRDs reads the CRDs of a file, or of every .yaml, .yml and .json
// file below a directory, and returns one entry per version. Documents
// that are not CustomResourceDefinitions are skipped; but a path that
// holds no CRD at all is an error, since a wrong path would otherwise
// silently validate nothing.
func ReadCRDs(path string) (*CRDs, error) {
	info, err := os.Stat(path)
	if err != nil {
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			err = &source.PathError{Path: path, Err: pe.Err} // "path: no such file", without "stat"
		}
		return nil, err
	}
	out := &CRDs{}
	if !info.IsDir() {
		err = out.readFile(path)
	} else {
		err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !source.IsManifestFile(p) {
				return err
			}
			return out.readFile(p)
		})
	}
	if err == nil && len(out.Entries) == 0 {
		err = fmt.Errorf("%s: holds no CustomResourceDefinition", path)
	}
	return out, err
}

func (c *CRDs) readFile(path string) error {
	data, err := source.ReadFile(path)
	if err != nil {
		return err
	}
	more, err := ParseCRDs(path, data)
	if err != nil {
		return err
	}
	c.Entries = append(c.Entries, more.Entries...)
	c.Skipped = append(c.Skipped, more.Skipped...)
	return nil
}

var yamlLine = lazyre.New(`^yaml: line (\d+): `)

// ParseCRDs reads the CRDs of one file's content; name is used in errors
// and as the entries' origin.
func ParseCRDs(name string, data []byte) (*CRDs, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	out := &CRDs{}
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			if m := yamlLine.FindStringSubmatch(err.Error()); m != nil {
				return nil, fmt.Errorf("%s:%s: %s", name, m[1], strings.TrimPrefix(err.Error(), m[0]))
			}
			return nil, fmt.Errorf("%s: %v", name, strings.TrimPrefix(err.Error(), "yaml: "))
		}
		if len(node.Content) == 0 || node.Content[0].Tag == "!!null" {
			continue // an empty document
		}
		if why := notCRD(node.Content[0]); why != "" {
			out.Skipped = append(out.Skipped, fmt.Sprintf("%s:%d: %s; skipped", name, node.Content[0].Line, why))
			continue
		}
		entries, err := crdEntries(name, node.Content[0])
		if err != nil {
			return nil, err
		}
		out.Entries = append(out.Entries, entries...)
	}
}

// notCRD says why a document is not a CustomResourceDefinition ("" when
// it is one).
func notCRD(node *yaml.Node) string {
	var head struct {
		APIVersion any `yaml:"apiVersion"`
		Kind       any `yaml:"kind"`
	}
	if node.Kind != yaml.MappingNode || node.Decode(&head) != nil {
		return "not a CustomResourceDefinition"
	}
	apiVersion, _ := head.APIVersion.(string)
	if head.Kind == "CustomResourceDefinition" && strings.HasPrefix(apiVersion, "apiextensions.k8s.io/") {
		return ""
	}
	return fmt.Sprintf("not a CustomResourceDefinition (apiVersion %q, kind %q)", scalarText(head.APIVersion), scalarText(head.Kind))
}

// scalarText renders a decoded scalar for a message; "" when absent.
func scalarText(v any) string {
	if v == nil {
		return ""
	}
	return fmt.Sprint(v)
}

// crdEntries turns one CRD document into entries.
func crdEntries(name string, node *yaml.Node) ([]*Entry, error) {
	at := fmt.Sprintf("%s:%d", name, node.Line)
	var crd crdFile
	if err := node.Decode(&crd); err != nil {
		return nil, fmt.Errorf("%s: %v", at, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	spec := crd.Spec
	if spec.Group == "" || spec.Names.Kind == "" {
		return nil, fmt.Errorf("%s: CustomResourceDefinition without spec.group or spec.names.kind", at)
	}
	versions := spec.Versions
	if len(versions) == 0 && spec.Version != "" {
		versions = []crdFileVersion{{Name: spec.Version, Served: true}}
	}
	var out []*Entry
	for _, v := range versions {
		raw := spec.Validation
		if v.Schema != nil {
			raw = v.Schema
		}
		s, err := decodeSchema(raw)
		if err != nil {
			return nil, fmt.Errorf("%s: version %s: openAPIV3Schema: %v", at, v.Name, err)
		}
		out = append(out, &Entry{
			GVK:    GVK{Group: spec.Group, Version: v.Name, Kind: spec.Names.Kind},
			Schema: s, Served: v.Served, Deprecated: v.Deprecated,
			DeprecationWarning: v.DeprecationWarning, Origin: name,
		})
	}
	return out, nil
}

// decodeSchema converts a decoded openAPIV3Schema to a Schema. A version
// without one accepts any object, as the API server does for a CRD that
// preserves unknown fields.
func decodeSchema(raw *crdFileSchema) (*Schema, error) {
	if raw == nil || raw.OpenAPIV3Schema == nil {
		preserve := true
		return &Schema{Type: "object", PreserveUnknownFields: &preserve}, nil
	}
	b, err := json.Marshal(raw.OpenAPIV3Schema)
	if err != nil {
		return nil, err
	}
	var s Schema
	if err := json.Unmarshal(b, &s); err != nil {
		return nil, err
	}
	return &s, nil
}
