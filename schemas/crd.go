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
	"regexp"
	"strings"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph/source"
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

// ReadCRDs reads the CRDs of a file, or of every .yaml, .yml and .json
// file below a directory, and returns one entry per version. Every
// document must be a CustomResourceDefinition: anything else is an error
// naming the file and line, since a wrong path would otherwise silently
// validate nothing.
func ReadCRDs(path string) ([]*Entry, error) {
	info, err := os.Stat(path)
	if err != nil {
		if pe := (*fs.PathError)(nil); errors.As(err, &pe) {
			err = &source.PathError{Path: path, Err: pe.Err} // "path: no such file", without "stat"
		}
		return nil, err
	}
	if !info.IsDir() {
		return readCRDFile(path)
	}
	var out []*Entry
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !source.IsManifestFile(p) {
			return err
		}
		entries, err := readCRDFile(p)
		out = append(out, entries...)
		return err
	})
	return out, err
}

func readCRDFile(path string) ([]*Entry, error) {
	data, err := source.ReadFile(path)
	if err != nil {
		return nil, err
	}
	return ParseCRDs(path, data)
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): `)

// ParseCRDs reads the CRDs of one file's content; name is used in errors
// and as the entries' origin.
func ParseCRDs(name string, data []byte) ([]*Entry, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var out []*Entry
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
		entries, err := crdEntries(name, node.Content[0])
		if err != nil {
			return nil, err
		}
		out = append(out, entries...)
	}
}

// crdEntries turns one CRD document into entries.
func crdEntries(name string, node *yaml.Node) ([]*Entry, error) {
	at := fmt.Sprintf("%s:%d", name, node.Line)
	var crd crdFile
	if err := node.Decode(&crd); err != nil {
		return nil, fmt.Errorf("%s: %v", at, strings.TrimPrefix(err.Error(), "yaml: "))
	}
	if crd.Kind != "CustomResourceDefinition" || !strings.HasPrefix(crd.APIVersion, "apiextensions.k8s.io/") {
		return nil, fmt.Errorf("%s: not a CustomResourceDefinition (apiVersion %q, kind %q)", at, crd.APIVersion, crd.Kind)
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
