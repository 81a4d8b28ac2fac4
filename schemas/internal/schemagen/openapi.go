package schemagen

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/schemas"
)

const (
	refPrefix        = "#/components/schemas/"
	preserveUnknown  = "x-kubernetes-preserve-unknown-fields"
	intOrStringField = "x-kubernetes-int-or-string"
)

// openAPIDoc is the part of a Kubernetes OpenAPI v3 document we read.
type openAPIDoc struct {
	Components struct {
		Schemas map[string]map[string]any `json:"schemas"`
	} `json:"components"`
}

// coreEntries converts the listed kinds of one OpenAPI v3 document into
// self-contained structural schemas, with the enums of its definitions.
func coreEntries(data []byte, kinds []schemas.GVK, enums map[string]enumSet, origin string) ([]*entry, error) {
	var doc openAPIDoc
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %v", origin, err)
	}
	defs := doc.Components.Schemas
	addEnums(defs, enums)
	var out []*entry
	for _, g := range kinds {
		name, err := findKind(defs, g)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", origin, err)
		}
		r := &resolver{defs: defs, inUse: map[string]bool{}}
		raw, err := r.ref(refPrefix+name, g.String())
		if err != nil {
			return nil, fmt.Errorf("%s: %v", origin, err)
		}
		s, err := toSchema(raw, g.String())
		if err != nil {
			return nil, fmt.Errorf("%s: %v", origin, err)
		}
		out = append(out, &entry{
			// Built-in versions in the spec are served by definition.
			Entry:   schemas.Entry{GVK: g, Schema: s, Served: true, Origin: origin},
			Storage: true,
			Rules:   countRules(s),
		})
	}
	return out, nil
}

// findKind returns the one definition tagged with g.
func findKind(defs map[string]map[string]any, g schemas.GVK) (string, error) {
	var found []string
	for _, name := range sortedKeys(defs) {
		tags, _ := defs[name]["x-kubernetes-group-version-kind"].([]any)
		for _, t := range tags {
			m, _ := t.(map[string]any)
			if m["group"] == g.Group && m["version"] == g.Version && m["kind"] == g.Kind {
				found = append(found, name)
			}
		}
	}
	if len(found) != 1 {
		return "", fmt.Errorf("%s: want one definition, found %q", g, found)
	}
	return found[0], nil
}

// resolver inlines $refs, producing a fresh tree for every use so later
// steps may modify it.
type resolver struct {
	defs map[string]map[string]any
	// inUse holds the definitions being inlined on the current path: a
	// reference to one of them is a recursion.
	inUse map[string]bool
}

func (r *resolver) ref(v any, at string) (map[string]any, error) {
	ref, _ := v.(string)
	name, ok := strings.CutPrefix(ref, refPrefix)
	def, found := r.defs[name]
	if !ok || !found {
		return nil, fmt.Errorf("%s: unresolvable $ref %v", at, v)
	}
	if r.inUse[name] {
		// JSONSchemaProps (a CRD's schema) contains itself in properties,
		// items, allOf and more. An embedded schema is a tree, so the loop
		// is cut here with an open value of the same type: deeper levels of
		// a CRD's schema are accepted as written, not checked.
		out := map[string]any{preserveUnknown: true}
		if t, ok := def["type"]; ok {
			out["type"] = t
		}
		return out, nil
	}
	r.inUse[name] = true
	defer delete(r.inUse, name)
	return r.schema(def, name)
}

// schema copies s with every reference inlined and OpenAPI idioms turned
// into their structural form.
func (r *resolver) schema(s map[string]any, at string) (map[string]any, error) {
	out := map[string]any{}
	ref, hasRef := refOf(s)
	if hasRef {
		base, err := r.ref(ref, at)
		if err != nil {
			return nil, err
		}
		out = base
	}
	for _, k := range sortedKeys(s) {
		v := s[k]
		switch {
		case k == "$ref" || (k == "allOf" && hasRef):
			continue
		case k == "default":
			// Built-in types are defaulted by Go code in the API server, not
			// from the spec, whose defaults are mostly zero values ("", 0,
			// {}) documenting non-pointer fields: leave them out.
			continue
		}
		nv, err := r.keyword(k, v, at)
		if err != nil {
			return nil, err
		}
		out[k] = nv
	}
	return structural(out), nil
}

// refOf returns the reference of a {$ref} schema or of the {allOf: [{$ref}]}
// wrapper the spec uses to attach a default or description to a reference.
func refOf(s map[string]any) (any, bool) {
	if ref, ok := s["$ref"]; ok {
		return ref, true
	}
	list, _ := s["allOf"].([]any)
	if len(list) != 1 {
		return nil, false
	}
	only, _ := list[0].(map[string]any)
	ref, ok := only["$ref"]
	if !ok || len(only) != 1 {
		return nil, false
	}
	return ref, true
}

// keyword resolves the subschemas of one keyword's value.
func (r *resolver) keyword(k string, v any, at string) (any, error) {
	switch k {
	case "properties":
		props, ok := v.(map[string]any)
		if !ok {
			return nil, fmt.Errorf("%s.properties: not an object", at)
		}
		out := map[string]any{}
		for _, name := range sortedKeys(props) {
			p, err := r.sub(props[name], at+".properties."+name)
			if err != nil {
				return nil, err
			}
			out[name] = p
		}
		return out, nil
	case "items", "not":
		return r.sub(v, at+"."+k)
	case "additionalProperties":
		if _, isBool := v.(bool); isBool {
			return v, nil
		}
		return r.sub(v, at+"."+k)
	case "allOf", "anyOf", "oneOf":
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("%s.%s: not a list", at, k)
		}
		out := make([]any, len(list))
		for i, x := range list {
			s, err := r.sub(x, fmt.Sprintf("%s.%s[%d]", at, k, i))
			if err != nil {
				return nil, err
			}
			out[i] = s
		}
		return out, nil
	}
	return v, nil
}

func (r *resolver) sub(v any, at string) (map[string]any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("%s: schema is %T, want an object", at, v)
	}
	return r.schema(m, at)
}

// structural rewrites the OpenAPI spellings that a Kubernetes structural
// schema (what CRDs use, and what the validator reads) spells differently.
func structural(s map[string]any) map[string]any {
	if s["format"] == "int-or-string" {
		// IntOrString is {format: int-or-string, oneOf: [integer, string]}
		// in OpenAPI; structurally it is the x-kubernetes-int-or-string flag.
		delete(s, "format")
		delete(s, "oneOf")
		delete(s, "type")
		s[intOrStringField] = true
		return s
	}
	_, typed := s["type"]
	_, flagged := s[intOrStringField]
	switch {
	case !typed && !flagged && s["oneOf"] == nil && s["anyOf"] == nil && s["allOf"] == nil:
		// No type at all (apiextensions JSON, JSONSchemaPropsOrBool...):
		// any value; structurally an untyped node must say so.
		s[preserveUnknown] = true
	case s["type"] == "object" && s["properties"] == nil && s["additionalProperties"] == nil:
		// A bare object in OpenAPI is any object (RawExtension, FieldsV1);
		// structurally it would be an object with no fields allowed.
		s[preserveUnknown] = true
	}
	return s
}
