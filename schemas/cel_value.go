package schemas

import (
	"encoding/base64"
	"errors"
	"maps"
	"math"
	"strings"
	"time"
)

// errCELShape marks a value whose type does not match its schema. The API
// server runs no CEL rule on an object with such a type error (the schema
// validator reports it); we skip only the rules whose self contains the
// mismatch.
var errCELShape = errors.New("value does not match its schema type")

// celValue converts a document value into what self is for a rule on a
// node of schema s, as the API server sees it after decoding: numbers
// typed per the schema, unknown fields pruned, nulls of non-nullable fields
// dropped, defaults applied, and formatted strings converted. resource is
// true at the root of an object (or of an embedded resource), where self
// also has apiVersion, kind and metadata.name/generateName.
func celValue(s *Schema, v any, resource bool) (any, error) {
	if v == nil || s == nil {
		return v, nil
	}
	if s.IntOrString {
		if _, ok := v.(string); ok {
			return v, nil
		}
		return celInt(v)
	}
	switch s.Type {
	case "integer":
		return celInt(v)
	case "number":
		switch n := v.(type) {
		case int64:
			return float64(n), nil
		case float64:
			return n, nil
		}
	case "boolean":
		if b, ok := v.(bool); ok {
			return b, nil
		}
	case "string":
		if str, ok := v.(string); ok {
			return celFormatted(s.Format, str)
		}
	case "array":
		return celList(s.Items, v)
	case "object":
		return celObject(s, v, resource)
	case "":
		return v, nil // untyped (x-kubernetes-preserve-unknown-fields): as written
	}
	return nil, errCELShape
}

// celInt accepts whole floats too: `1.0` in YAML is sent as the JSON
// number 1, which the API server decodes as an integer.
func celInt(v any) (any, error) {
	switch n := v.(type) {
	case int64:
		return n, nil
	case float64:
		if n == math.Trunc(n) && n >= math.MinInt64 && n < math.MaxInt64 {
			return int64(n), nil
		}
	}
	return nil, errCELShape
}

// celFormatted converts the string formats the API server gives a CEL type
// of their own (see celStringType). A value that does not parse is left to
// the schema validator's format check.
func celFormatted(format, s string) (any, error) {
	var v any
	var err error
	switch format {
	case "byte":
		v, err = base64.StdEncoding.DecodeString(s)
	case "duration":
		v, err = time.ParseDuration(s)
	case "date":
		v, err = time.Parse(time.DateOnly, s)
	case "date-time":
		v, err = time.Parse(time.RFC3339Nano, s)
	default:
		return s, nil
	}
	if err != nil {
		return nil, errCELShape
	}
	return v, nil
}

func celList(items *Schema, v any) (any, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, errCELShape
	}
	out := make([]any, len(l))
	for i, e := range l {
		if e == nil && (items == nil || !items.Nullable) {
			return nil, errCELShape
		}
		c, err := celValue(items, e, items != nil && items.EmbeddedResource)
		if err != nil {
			return nil, err
		}
		out[i] = c
	}
	return out, nil
}

func celObject(s *Schema, v any, resource bool) (any, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, errCELShape
	}
	var out map[string]any
	var err error
	switch ap := s.AdditionalProperties; {
	case len(s.Properties) > 0:
		out, err = celFields(s.Properties, m)
	case ap != nil && ap.Schema != nil:
		out, err = celEntries(ap.Schema, m)
	case ap != nil && ap.Allows, s.PreserveUnknownFields != nil && *s.PreserveUnknownFields:
		out = m
	default:
		out = map[string]any{} // everything is pruned
	}
	if err != nil || !resource {
		return out, err
	}
	return withObjectMeta(out, m), nil
}

// celFields builds an object with declared properties: unknown fields are
// pruned, nulls dropped, defaults applied, and names escaped as CEL field
// names.
func celFields(props map[string]*Schema, m map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for name, ps := range props {
		v, present := m[name]
		if (!present || v == nil && !ps.Nullable) && ps.Default != nil {
			v = ps.Default
		}
		// A null field is absent to has(), nullable or not.
		key, ok := celEscape(name)
		if v == nil || !ok {
			continue
		}
		c, err := celValue(ps, v, ps.EmbeddedResource)
		if err != nil {
			return nil, err
		}
		out[key] = c
	}
	return out, nil
}

// celEntries converts the values of a map (additionalProperties); keys
// stay as written.
func celEntries(vs *Schema, m map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(m))
	for k, v := range m {
		if v == nil && !vs.Nullable {
			continue
		}
		c, err := celValue(vs, v, vs.EmbeddedResource)
		if err != nil {
			return nil, err
		}
		out[k] = c
	}
	return out, nil
}

// withObjectMeta adds what a resource root exposes besides its schema:
// apiVersion, kind, and of metadata only name and generateName. It copies
// fields, which may be the document's own map.
func withObjectMeta(fields, m map[string]any) map[string]any {
	out := maps.Clone(fields)
	for _, k := range []string{"apiVersion", "kind"} {
		if s, ok := m[k].(string); ok {
			out[k] = s
		}
	}
	meta := map[string]any{}
	if mm, ok := m["metadata"].(map[string]any); ok {
		for _, k := range []string{"name", "generateName"} {
			if s, ok := mm[k].(string); ok {
				meta[k] = s
			}
		}
	}
	out["metadata"] = meta
	return out
}

// celReserved are the CEL keywords a property name is escaped from.
var celReserved = map[string]bool{
	"true": true, "false": true, "null": true, "in": true, "as": true, "break": true,
	"const": true, "continue": true, "else": true, "for": true, "function": true, "if": true,
	"import": true, "let": true, "loop": true, "package": true, "namespace": true,
	"return": true, "var": true, "void": true, "while": true,
}

// celEscape gives the field name rules use for a property, following the
// Kubernetes escaping: keywords become __kw__, and "__", ".", "-", "/" are
// spelled __underscores__, __dot__, __dash__, __slash__. Other names
// (spaces, digits first, ...) cannot be selected: ok is false.
func celEscape(name string) (string, bool) {
	if celReserved[name] {
		return "__" + name + "__", true
	}
	for i, r := range name {
		ident := r == '_' || r == '.' || r == '-' || r == '/' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z'
		if !ident && (i == 0 || r < '0' || r > '9') {
			return "", false
		}
	}
	if name == "" {
		return "", false
	}
	r := strings.NewReplacer("__", "__underscores__", ".", "__dot__", "-", "__dash__", "/", "__slash__")
	return r.Replace(name), true
}
