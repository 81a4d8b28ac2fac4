package schemas

import (
	"encoding/base64"
	"fmt"
	"math"
	"net"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"time"
)

// This file turns a Kubernetes structural schema into a JSON Schema
// (draft 7) with the API server's semantics, and compiles it.
//
// The differences that matter:
//   - An object that lists properties is closed (unknown fields are errors,
//     as with `kubectl apply --validate=strict`), unless it says
//     x-kubernetes-preserve-unknown-fields.
//   - x-kubernetes-int-or-string, and the core OpenAPI's oneOf of bare
//     types (Quantity: string or number), become a list of types, so a
//     wrong value gives one "must be of type" error rather than a oneOf.
//   - nullable adds null to the types (and to the enum).
//   - apiVersion, kind and metadata are implicit at the root of a CRD and in
//     x-kubernetes-embedded-resource objects.
//   - Only the formats the API server checks are kept; any other format is
//     dropped, so that JSON Schema's own (ISO 8601 "duration", say) never
//     rejects what Kubernetes accepts.

// checkedFormats are the formats meshlint asserts, with their checks.
// Kubernetes does not bound int32/int64 itself, but Istio's decoder (and
// every Go client) rejects an out-of-range value, so it is reported.
var checkedFormats = map[string]func(any) bool{
	"int32":     intRange(math.MinInt32, math.MaxInt32),
	"int64":     intRange(math.MinInt64, math.MaxInt64),
	"byte":      isBase64,
	"date-time": isDateTime,
	"ipv4":      isIPv4,
	"ipv6":      isIPv6,
}

func intRange(lo, hi float64) func(any) bool {
	return func(v any) bool {
		switch v := v.(type) {
		case int64:
			return float64(v) >= lo && float64(v) <= hi
		case float64:
			return v >= lo && v <= hi
		}
		return true
	}
}

// isIPv4 accepts four decimal numbers from 0 to 255 separated by dots,
// without leading zeros, as the JSON Schema library's format does
// (strconv.Atoi's optional sign included).
func isIPv4(v any) bool {
	s, ok := v.(string)
	if !ok {
		return true
	}
	parts := strings.Split(s, ".")
	if len(parts) != 4 {
		return false
	}
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 || n != 0 && p[0] == '0' {
			return false
		}
	}
	return true
}

// isIPv6 accepts what net.ParseIP does, if it has a colon (an IPv4
// address is not an IPv6 one), as the JSON Schema library's format does.
func isIPv6(v any) bool {
	s, ok := v.(string)
	return !ok || strings.Contains(s, ":") && net.ParseIP(s) != nil
}

func isBase64(v any) bool {
	s, ok := v.(string)
	if !ok {
		return true
	}
	_, err := base64.StdEncoding.DecodeString(s)
	return err == nil
}

// dateTimeLayouts are the layouts Kubernetes' strfmt accepts for date-time
// (RFC 3339 with or without fractions, with or without a zone).
var dateTimeLayouts = []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02T15:04:05Z0700"}

func isDateTime(v any) bool {
	s, ok := v.(string)
	if !ok {
		return true
	}
	for _, layout := range dateTimeLayouts {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// converter builds the JSON Schema of one entry. A lazy one converts one
// node: its subschemas stay *lazyNode, which the fast check converts when
// an object reaches them.
type converter struct{ lazy bool }

// lazyNode is a subschema not converted yet.
type lazyNode struct {
	s      *Schema
	branch bool
}

// child converts a subschema of the node being converted.
func (c converter) child(s *Schema, branch bool) any {
	if c.lazy {
		return &lazyNode{s, branch}
	}
	return c.convert(s, branch)
}

// rootSchema converts the schema of a whole object. A CRD's root schema
// says nothing of apiVersion, kind and metadata (the API server supplies
// them); a core kind's defines ObjectMeta, which is then checked strictly.
func (c converter) rootSchema(s *Schema) map[string]any {
	out := c.convert(s, false)
	c.addResourceFields(out, s)
	return out
}

// addResourceFields adds apiVersion, kind and, unless the schema defines
// ObjectMeta itself (core kinds do), a lenient metadata to an object's
// properties. A CRD may constrain a few metadata fields (the length of
// name, say) but never describes ObjectMeta: its constraints are kept, and
// the metadata stays open.
func (c converter) addResourceFields(out map[string]any, s *Schema) {
	props, _ := out["properties"].(map[string]any)
	if props == nil {
		props = map[string]any{}
		out["properties"] = props
	}
	props["apiVersion"] = map[string]any{"type": []any{"string"}}
	props["kind"] = map[string]any{"type": []any{"string"}}
	meta := s.Properties["metadata"]
	if meta != nil && meta.Properties["labels"] != nil {
		return
	}
	lenient := lenientMetadata()
	if meta != nil {
		for name, p := range meta.Properties {
			lenient["properties"].(map[string]any)[name] = c.child(p, false)
		}
	}
	props["metadata"] = lenient
}

// lenientMetadata checks the types of the metadata fields users write and
// nothing else: CRD schemas do not describe metadata, and the API server
// validates it separately.
func lenientMetadata() map[string]any {
	str := map[string]any{"type": []any{"string", "null"}}
	strMap := map[string]any{"type": []any{"object", "null"}, "additionalProperties": str}
	return map[string]any{
		"type": []any{"object", "null"},
		"properties": map[string]any{
			"name": str, "namespace": str, "generateName": str,
			"labels": strMap, "annotations": strMap,
		},
	}
}

// convert translates one schema node. Inside allOf/anyOf/oneOf/not
// (branch), a structural schema only adds value checks: objects there are
// never closed and never get resource fields.
func (c converter) convert(s *Schema, branch bool) map[string]any {
	out := map[string]any{}
	if s == nil {
		return out
	}
	c.typeKeywords(out, s)
	if len(s.Properties) > 0 {
		props := make(map[string]any, len(s.Properties))
		for name, p := range s.Properties {
			props[name] = c.child(p, branch)
		}
		out["properties"] = props
	}
	switch ap := s.AdditionalProperties; {
	case ap != nil && ap.Schema != nil:
		out["additionalProperties"] = c.child(ap.Schema, branch)
	case ap != nil:
		out["additionalProperties"] = ap.Allows
	case !branch && len(s.Properties) > 0 && !preserves(s):
		out["additionalProperties"] = false
	}
	if s.EmbeddedResource && !branch {
		c.addResourceFields(out, s)
	}
	if s.Items != nil {
		out["items"] = c.child(s.Items, branch)
	}
	c.valueKeywords(out, s)
	for key, list := range map[string][]*Schema{"allOf": s.AllOf, "anyOf": s.AnyOf, "oneOf": s.OneOf} {
		if len(list) > 0 && !(key != "allOf" && typeUnion(list) != nil) {
			branches := make([]any, len(list))
			for i, b := range list {
				branches[i] = c.child(b, true)
			}
			out[key] = branches
		}
	}
	if s.Not != nil {
		out["not"] = c.child(s.Not, true)
	}
	return out
}

func preserves(s *Schema) bool {
	return s.PreserveUnknownFields != nil && *s.PreserveUnknownFields
}

// typeKeywords sets type (and format, which depends on it).
func (c converter) typeKeywords(out map[string]any, s *Schema) {
	var types []any
	switch {
	case s.IntOrString:
		types = []any{"integer", "string"}
	case s.Type != "":
		types = []any{s.Type}
	case typeUnion(s.AnyOf) != nil:
		types = typeUnion(s.AnyOf)
	case typeUnion(s.OneOf) != nil:
		types = typeUnion(s.OneOf)
	}
	if len(types) > 0 && s.Nullable {
		types = append(types, "null")
	}
	if len(types) > 0 {
		out["type"] = types
	}
	if _, ok := checkedFormats[s.Format]; ok {
		out["format"] = s.Format
	}
}

// typeUnion returns the types of a list of branches that each only name a
// type (anyOf: [{type: integer}, {type: string}]), or nil.
func typeUnion(branches []*Schema) []any {
	if len(branches) < 2 {
		return nil
	}
	var types []any
	for _, b := range branches {
		if b == nil || b.Type == "" || !isBareType(b) {
			return nil
		}
		types = append(types, b.Type)
	}
	return types
}

// isBareType reports whether s says nothing but its type.
func isBareType(s *Schema) bool {
	return reflect.DeepEqual(*s, Schema{Type: s.Type})
}

// valueKeywords copies the value constraints. OpenAPI v3.0's boolean
// exclusiveMinimum/Maximum become draft 2020's numeric form.
func (c converter) valueKeywords(out map[string]any, s *Schema) {
	if len(s.Required) > 0 {
		out["required"] = s.Required
	}
	if len(s.Enum) > 0 {
		enum := s.Enum
		if s.Nullable {
			enum = append(append([]any{}, enum...), nil)
		}
		out["enum"] = enum
	}
	if s.Pattern != "" {
		out["pattern"] = s.Pattern
	}
	bound := func(v *float64, exclusive bool, inclusiveKey, exclusiveKey string) {
		switch {
		case v == nil:
		case exclusive:
			out[exclusiveKey] = *v
		default:
			out[inclusiveKey] = *v
		}
	}
	bound(s.Minimum, s.ExclusiveMinimum, "minimum", "exclusiveMinimum")
	bound(s.Maximum, s.ExclusiveMaximum, "maximum", "exclusiveMaximum")
	for key, v := range map[string]*int64{
		"minLength": s.MinLength, "maxLength": s.MaxLength,
		"minItems": s.MinItems, "maxItems": s.MaxItems,
		"minProperties": s.MinProperties, "maxProperties": s.MaxProperties,
	} {
		if v != nil {
			out[key] = *v
		}
	}
}

// compiled is an entry's schema, ready to validate.
type compiled struct {
	gvk  GVK
	fast *check
	// schemaErr says whether the converted schema is one a JSON Schema
	// validator would refuse to compile (a pattern that is not a regular
	// expression, a duplicate in required…). It converts the whole
	// schema, so it runs only when an object is rejected.
	schemaErr func() error
}

// compileEntry prepares the check, which converts the schema node by node
// as objects reach them.
func compileEntry(e *Entry) (*compiled, error) {
	if e.Schema == nil {
		return nil, fmt.Errorf("schema of %s is empty", e.GVK)
	}
	c := &compiled{gvk: e.GVK, fast: fastCheck(e.Schema)}
	c.schemaErr = sync.OnceValue(func() error { return checkSchema(e) })
	if c.fast == nil {
		if err := c.schemaErr(); err != nil {
			return nil, err
		}
		return nil, c.unsupported()
	}
	return c, nil
}

// unsupported is the error of a schema with a form the check does not
// know although checkSchema finds nothing wrong with it: a bug.
func (c *compiled) unsupported() error {
	return fmt.Errorf("schema of %s has a form the validator does not support", c.gvk)
}
