package schemagen

import (
	"bytes"
	"errors"
	"fmt"
	"io"

	"go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/schemas"
)

// entry is a generated schema plus what SOURCES.md reports about it.
type entry struct {
	schemas.Entry
	// Storage marks the CRD's storage version (always true for core kinds).
	Storage bool
	// Rules counts its x-kubernetes-validations rules.
	Rules int
}

// crdDoc is the part of a CustomResourceDefinition the generator reads.
type crdDoc struct {
	Kind string `yaml:"kind"`
	Spec struct {
		Group string `yaml:"group"`
		Names struct {
			Kind string `yaml:"kind"`
		} `yaml:"names"`
		Versions []struct {
			Name               string `yaml:"name"`
			Served             bool   `yaml:"served"`
			Storage            bool   `yaml:"storage"`
			Deprecated         bool   `yaml:"deprecated"`
			DeprecationWarning string `yaml:"deprecationWarning"`
			Schema             struct {
				OpenAPIV3Schema map[string]any `yaml:"openAPIV3Schema"`
			} `yaml:"schema"`
		} `yaml:"versions"`
	} `yaml:"spec"`
}

// crdEntries returns one entry per version of every CRD in a YAML stream,
// served or not: an unserved version still gets a schema so the linter can
// say what replaced it. Other documents (the Gateway API ships a
// ValidatingAdmissionPolicy next to its CRDs) are skipped.
func crdEntries(data []byte, origin string) ([]*entry, error) {
	var out []*entry
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var doc crdDoc
		err := dec.Decode(&doc)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %v", origin, err)
		}
		if doc.Kind != "CustomResourceDefinition" {
			continue
		}
		for _, v := range doc.Spec.Versions {
			g := schemas.GVK{Group: doc.Spec.Group, Version: v.Name, Kind: doc.Spec.Names.Kind}
			if v.Schema.OpenAPIV3Schema == nil {
				return nil, fmt.Errorf("%s: %s has no openAPIV3Schema", origin, g)
			}
			s, err := toSchema(v.Schema.OpenAPIV3Schema, g.String())
			if err != nil {
				return nil, fmt.Errorf("%s: %v", origin, err)
			}
			out = append(out, &entry{
				Entry: schemas.Entry{GVK: g, Schema: s, Served: v.Served, Deprecated: v.Deprecated,
					DeprecationWarning: v.DeprecationWarning, Origin: origin},
				Storage: v.Storage,
				Rules:   countRules(s),
			})
		}
	}
}
