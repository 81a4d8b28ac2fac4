package schemas

import (
	"encoding/base64"
	"errors"
	"maps"
	"math"
	"slices"
	"strings"
	"sync"
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
	out, _, err := celConvert(s, v, resource)
	return out, err
}

// celConvert is celValue saying whether the value changed. An unchanged
// value is v itself, shared rather than copied: most of a manifest needs
// no conversion, and copying it was most of the CEL rules' allocations.
// Rules never modify self.
func celConvert(s *Schema, v any, resource bool) (any, bool, error) {
	if v == nil || s == nil {
		return v, false, nil
	}
	if s.IntOrString {
		if _, ok := v.(string); ok {
			return v, false, nil
		}
		return celInt(v)
	}
	switch s.Type {
	case "integer":
		return celInt(v)
	case "number":
		switch n := v.(type) {
		case int64:
			return float64(n), true, nil
		case float64:
			return v, false, nil
		}
	case "boolean":
		if _, ok := v.(bool); ok {
			return v, false, nil
		}
	case "string":
		str, ok := v.(string)
		switch {
		case ok && celConverts(s.Format):
			return celFormatted(s.Format, str)
		case ok:
			return v, false, nil // v itself: boxing str again would allocate
		}
	case "array":
		return celList(s.Items, v)
	case "object":
		return celObject(s, v, resource)
	case "":
		return v, false, nil // untyped (x-kubernetes-preserve-unknown-fields): as written
	}
	return nil, false, errCELShape
}

// celInt accepts whole floats too: `1.0` in YAML is sent as the JSON
// number 1, which the API server decodes as an integer.
func celInt(v any) (any, bool, error) {
	switch n := v.(type) {
	case int64:
		return v, false, nil
	case float64:
		if n == math.Trunc(n) && n >= math.MinInt64 && n < math.MaxInt64 {
			return int64(n), true, nil
		}
	}
	return nil, false, errCELShape
}

// celConverts reports whether celFormatted converts strings of format.
func celConverts(format string) bool {
	switch format {
	case "byte", "duration", "date", "date-time":
		return true
	}
	return false
}

// celFormatted converts the string formats the API server gives a CEL type
// of their own (see celStringType). A value that does not parse is left to
// the schema validator's format check.
func celFormatted(format, s string) (any, bool, error) {
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
		return s, false, nil
	}
	if err != nil {
		return nil, false, errCELShape
	}
	return v, true, nil
}

func celList(items *Schema, v any) (any, bool, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, false, errCELShape
	}
	var out []any // nil while every item is unchanged
	for i, e := range l {
		if e == nil && (items == nil || !items.Nullable) {
			return nil, false, errCELShape
		}
		c, changed, err := celConvert(items, e, items != nil && items.EmbeddedResource)
		if err != nil {
			return nil, false, err
		}
		if changed && out == nil {
			out = slices.Clone(l)
		}
		if out != nil {
			out[i] = c
		}
	}
	if out == nil {
		return v, false, nil
	}
	return out, true, nil
}

func celObject(s *Schema, v any, resource bool) (any, bool, error) {
	m, ok := v.(map[string]any)
	if !ok {
		return nil, false, errCELShape
	}
	out, changed := m, false
	var err error
	switch ap := s.AdditionalProperties; {
	case len(s.Properties) > 0:
		out, changed, err = celFields(s, m)
	case ap != nil && ap.Schema != nil:
		out, changed, err = celEntries(ap.Schema, m)
	case ap != nil && ap.Allows, s.PreserveUnknownFields != nil && *s.PreserveUnknownFields:
	default:
		out, changed = map[string]any{}, true // everything is pruned
	}
	if err != nil {
		return nil, false, err
	}
	if !resource {
		if !changed {
			return v, false, nil
		}
		return out, true, nil
	}
	return withObjectMeta(out, m), true, nil
}

// firstChange is the first field (in map order) whose conversion changes
// an object: converted says conv holds the field's converted value, so
// that building the object does not convert it again (along a changed
// path that would double the work at every level).
type firstChange struct {
	name      string
	conv      any
	converted bool
}

// celFields converts an object with declared properties: unknown fields
// are pruned, nulls dropped, defaults applied, and names escaped as CEL
// field names. It visits the fields present and the defaulted properties
// only, not every declared property (a schema declares hundreds).
func celFields(s *Schema, m map[string]any) (map[string]any, bool, error) {
	names := s.celNames()
	first, found, err := firstFieldChange(s, names, m)
	if err != nil || !found && !names.addsDefault(m) {
		return m, false, err
	}
	out := make(map[string]any, len(m))
	for name, v := range m {
		ps := s.Properties[name]
		if ps == nil || v == nil && ps.Nullable {
			continue
		}
		key := names.escaped[name]
		if first.converted && name == first.name {
			out[key] = first.conv
			continue
		}
		if err := celField(out, key, ps, v); err != nil {
			return nil, false, err
		}
	}
	for _, name := range names.defaulted {
		if _, present := m[name]; !present {
			if err := celField(out, names.escaped[name], s.Properties[name], nil); err != nil {
				return nil, false, err
			}
		}
	}
	return out, true, nil
}

// firstFieldChange converts the fields of m until one changes: pruned,
// null, renamed by escaping, or a value converted to something else.
func firstFieldChange(s *Schema, names *celNames, m map[string]any) (firstChange, bool, error) {
	for name, v := range m {
		ps := s.Properties[name]
		if ps == nil || v == nil || names.escaped[name] != name {
			return firstChange{name: name}, true, nil
		}
		c, changed, err := celConvert(ps, v, ps.EmbeddedResource)
		if err != nil {
			return firstChange{}, false, err
		}
		if changed {
			return firstChange{name, c, true}, true, nil
		}
	}
	return firstChange{}, false, nil
}

// celField sets one property's value, v nil meaning absent or a null
// where null is not allowed (the default applies); key "" means CEL cannot
// select the property.
func celField(out map[string]any, key string, ps *Schema, v any) error {
	if v == nil {
		v = ps.Default
	}
	if v == nil || key == "" {
		return nil // a null field is absent to has(), nullable or not
	}
	c, err := celValue(ps, v, ps.EmbeddedResource)
	if err != nil {
		return err
	}
	out[key] = c
	return nil
}

// celNames are a schema's properties as CEL sees them: the escaped field
// name of each property CEL can select, and the properties with a default.
type celNames struct {
	escaped   map[string]string
	defaulted []string
}

// celNamesOf caches celNames by schema, outside Schema so that schemas
// stay plain comparable values. Schemas live as long as their registry.
var celNamesOf sync.Map // *Schema → *celNames

func (s *Schema) celNames() *celNames {
	if n, ok := celNamesOf.Load(s); ok {
		return n.(*celNames)
	}
	n := &celNames{escaped: make(map[string]string, len(s.Properties))}
	for name, ps := range s.Properties {
		if key, ok := celEscape(name); ok {
			n.escaped[name] = key
		}
		if ps.Default != nil {
			n.defaulted = append(n.defaulted, name)
		}
	}
	actual, _ := celNamesOf.LoadOrStore(s, n)
	return actual.(*celNames)
}

// addsDefault reports whether conversion adds a default to m: a
// defaulted property CEL can select is absent.
func (n *celNames) addsDefault(m map[string]any) bool {
	for _, name := range n.defaulted {
		if _, present := m[name]; !present && n.escaped[name] != "" {
			return true
		}
	}
	return false
}

// celEntries converts the values of a map (additionalProperties); keys
// stay as written.
func celEntries(vs *Schema, m map[string]any) (map[string]any, bool, error) {
	first, found, err := firstEntryChange(vs, m)
	if err != nil || !found {
		return m, false, err
	}
	out := make(map[string]any, len(m))
	for k, v := range m {
		if v == nil && !vs.Nullable {
			continue
		}
		c := first.conv
		if !first.converted || k != first.name {
			if c, err = celValue(vs, v, vs.EmbeddedResource); err != nil {
				return nil, false, err
			}
		}
		out[k] = c
	}
	return out, true, nil
}

// firstEntryChange converts the values of m until one changes.
func firstEntryChange(vs *Schema, m map[string]any) (firstChange, bool, error) {
	for k, v := range m {
		if v == nil && !vs.Nullable {
			return firstChange{name: k}, true, nil
		}
		c, changed, err := celConvert(vs, v, vs.EmbeddedResource)
		if err != nil {
			return firstChange{}, false, err
		}
		if changed {
			return firstChange{k, c, true}, true, nil
		}
	}
	return firstChange{}, false, nil
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
	return celNameReplacer.Replace(name), true
}

var celNameReplacer = strings.NewReplacer("__", "__underscores__", ".", "__dot__", "-", "__dash__", "/", "__slash__")
