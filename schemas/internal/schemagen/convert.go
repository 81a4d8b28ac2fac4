package schemagen

import (
	"bytes"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strings"

	"github.com/meshlint/meshlint/schemas"
)

// dropped are the keywords left out of the embedded schemas: documentation
// (most of the bytes, no use to a validator) and Kubernetes annotations
// that only matter to strategic-merge patches and client generators.
var dropped = map[string]bool{
	"description":                     true,
	"example":                         true,
	"externalDocs":                    true,
	"x-kubernetes-patch-strategy":     true,
	"x-kubernetes-patch-merge-key":    true,
	"x-kubernetes-group-version-kind": true,
	"x-kubernetes-unions":             true,
}

// keywords are the JSON names of schemas.Schema's fields: what the embedded
// form can hold. A source keyword neither here nor in dropped stops the
// generator, so a new upstream keyword is never lost silently.
var keywords = func() map[string]bool {
	set := map[string]bool{}
	t := reflect.TypeFor[schemas.Schema]()
	for i := range t.NumField() {
		name, _, _ := strings.Cut(t.Field(i).Tag.Get("json"), ",")
		set[name] = true
	}
	return set
}()

// toSchema turns a raw schema tree (decoded YAML or JSON, $refs already
// inlined) into a schemas.Schema, dropping documentation on the way. It
// modifies raw.
func toSchema(raw map[string]any, at string) (*schemas.Schema, error) {
	if err := strip(raw, at); err != nil {
		return nil, err
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", at, err)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var s schemas.Schema
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%s: %v", at, err)
	}
	return &s, nil
}

// strip removes the dropped keywords from every schema node of s and
// checks that the rest are known. It walks schema positions only, so a
// property that happens to be called "description" is kept.
func strip(s map[string]any, at string) error {
	for _, k := range sortedKeys(s) {
		v := s[k]
		if dropped[k] {
			delete(s, k)
			continue
		}
		if !keywords[k] {
			return fmt.Errorf("%s: keyword %q is neither in schemas.Schema nor dropped", at, k)
		}
		if err := checkValue(v, at+"."+k); err != nil {
			return err
		}
		if err := forEachSub(k, v, at, strip); err != nil {
			return err
		}
	}
	return nil
}

// forEachSub calls fn on the subschemas a keyword holds, if any.
func forEachSub(k string, v any, at string, fn func(map[string]any, string) error) error {
	switch k {
	case "properties":
		props, ok := v.(map[string]any)
		if !ok {
			return fmt.Errorf("%s.properties: not an object", at)
		}
		for _, name := range sortedKeys(props) {
			if err := sub(props[name], at+".properties."+name, fn); err != nil {
				return err
			}
		}
	case "items", "not":
		return sub(v, at+"."+k, fn)
	case "additionalProperties":
		if _, isBool := v.(bool); !isBool {
			return sub(v, at+"."+k, fn)
		}
	case "allOf", "anyOf", "oneOf":
		list, ok := v.([]any)
		if !ok {
			return fmt.Errorf("%s.%s: not a list", at, k)
		}
		for i, x := range list {
			if err := sub(x, fmt.Sprintf("%s.%s[%d]", at, k, i), fn); err != nil {
				return err
			}
		}
	}
	return nil
}

func sub(v any, at string, fn func(map[string]any, string) error) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("%s: schema is %T, want an object", at, v)
	}
	return fn(m, at)
}

// checkValue rejects values that JSON would encode differently from what
// the source meant, e.g. a YAML timestamp decoded as time.Time.
func checkValue(v any, at string) error {
	switch v := v.(type) {
	case nil, bool, string, int, int64, uint64, float64:
		return nil
	case []any:
		for i, x := range v {
			if err := checkValue(x, fmt.Sprintf("%s[%d]", at, i)); err != nil {
				return err
			}
		}
		return nil
	case map[string]any:
		for _, k := range sortedKeys(v) {
			if err := checkValue(v[k], at+"."+k); err != nil {
				return err
			}
		}
		return nil
	}
	return fmt.Errorf("%s: unexpected %T value", at, v)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// countRules counts the x-kubernetes-validations (CEL) rules in s.
func countRules(s *schemas.Schema) int {
	if s == nil {
		return 0
	}
	n := len(s.Validations) + countRules(s.Items) + countRules(s.Not)
	for _, p := range s.Properties {
		n += countRules(p)
	}
	if s.AdditionalProperties != nil {
		n += countRules(s.AdditionalProperties.Schema)
	}
	for _, list := range [][]*schemas.Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, x := range list {
			n += countRules(x)
		}
	}
	return n
}
