package rules

import (
	"fmt"
	"slices"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/graph"
)

// shape says which fields of a value a policy reads (custom.fields), so
// that only those are converted: the policies' input is most of the
// Rego stage's time and memory. A nil shape is the whole value. A shape
// only ever drops an object's keys that no declared path names: every
// value a declared path reaches is what the whole document has there, so
// a policy that reads only along its paths (and does not list an
// object's keys) sees the same.
type shape struct {
	// fields are an object's keys to keep, each with its own shape;
	// non-nil and empty keeps none ("{}").
	fields map[string]*shape
	list   []shapeField // the fields in a slice, with their key terms, shared by all documents
	// each, with hasEach, applies to every element of an array (every
	// value of an object): "[]" in a path.
	each    *shape
	hasEach bool
}

type shapeField struct {
	name  string
	key   *ast.Term
	shape *shape
}

// parseFields reads custom.fields: paths such as "metadata.name",
// "spec.http[].retries" ([] for every element) or "spec.rules[]{}"
// (the elements as objects without fields: enough to count them).
// meshlint.id is always kept: results name resources by it.
func parseFields(raw any) (*shape, error) {
	list, ok := raw.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of field paths such as \"spec.http[].timeout\", got %v", raw)
	}
	s := &shape{fields: map[string]*shape{}}
	for _, v := range append(list, "meshlint.id") {
		path, ok := v.(string)
		if !ok || path == "" {
			return nil, fmt.Errorf("want field paths as strings such as \"spec.http[].timeout\", got %v", v)
		}
		p, err := parsePath(path)
		if err != nil {
			return nil, fmt.Errorf("%q: %v", path, err)
		}
		if s, ok = mergeShapes(s, p); !ok {
			return nil, fmt.Errorf("%q: a value read both by key and with []", path)
		}
	}
	return s, nil
}

// parsePath is the shape of one path, built from its end: the value
// there whole, or an object without fields after {}.
func parsePath(path string) (*shape, error) {
	var s *shape
	if rest, ok := strings.CutSuffix(path, "{}"); ok {
		path, s = rest, &shape{fields: map[string]*shape{}}
	}
	keys := strings.Split(path, ".")
	for i := len(keys) - 1; i >= 0; i-- {
		key := keys[i]
		for strings.HasSuffix(key, "[]") {
			key, s = key[:len(key)-2], &shape{hasEach: true, each: s}
		}
		if key == "" || strings.ContainsAny(key, "[]{}") {
			return nil, fmt.Errorf("want keys separated by dots, [] after a key for every element, {} at the end for no field")
		}
		s = &shape{fields: map[string]*shape{key: s}}
	}
	return s, nil
}

// mergeShapes is what reads either a or b need; not ok when one reads a
// value by key and the other with [].
func mergeShapes(a, b *shape) (*shape, bool) {
	switch {
	case a == nil || b == nil:
		return nil, true
	case a.hasEach != b.hasEach:
		return nil, false
	case a.hasEach:
		each, ok := mergeShapes(a.each, b.each)
		return &shape{hasEach: true, each: each}, ok
	}
	out := &shape{fields: make(map[string]*shape, len(a.fields)+len(b.fields))}
	for k, v := range a.fields {
		out.fields[k] = v
	}
	for k, v := range b.fields {
		if old, found := out.fields[k]; found {
			merged, ok := mergeShapes(old, v)
			if !ok {
				return nil, false
			}
			v = merged
		}
		out.fields[k] = v
	}
	return out, true
}

// field is the shape of the field key of an object of shape s, and
// whether s keeps it: all are kept whole when s names none.
func (s *shape) field(key *ast.Term) (*shape, bool) {
	if s == nil || s.fields == nil {
		return nil, true
	}
	child, ok := s.fields[string(key.Value.(ast.String))]
	return child, ok
}

// withKeys lists the fields of s and its descendants with their key
// terms, once, so that converted documents share them.
func (s *shape) withKeys() *shape {
	if s == nil || s.list != nil {
		return s
	}
	s.each = s.each.withKeys()
	s.list = make([]shapeField, 0, len(s.fields))
	for k, v := range s.fields {
		s.fields[k] = v.withKeys()
		s.list = append(s.list, shapeField{name: k, key: ast.StringTerm(k), shape: s.fields[k]})
	}
	return s
}

// project converts v as s says.
func (s *shape) project(v any) (*ast.Term, error) {
	switch x := v.(type) {
	case map[string]any:
		if s != nil && s.hasEach {
			return s.eachValue(x)
		}
		if s != nil {
			return s.object(x)
		}
	case []any:
		if s != nil && s.hasEach {
			terms := make([]*ast.Term, len(x))
			for i, e := range x {
				t, err := s.each.project(e)
				if err != nil {
					return nil, err
				}
				terms[i] = t
			}
			return ast.ArrayTerm(terms...), nil
		}
	}
	value, err := ast.InterfaceToValue(v)
	if err != nil {
		return nil, err
	}
	return ast.NewTerm(value), nil
}

// object keeps the fields s names.
func (s *shape) object(m map[string]any) (*ast.Term, error) {
	items := make([][2]*ast.Term, 0, min(len(m), len(s.list)))
	for _, f := range s.list {
		v, ok := m[f.name]
		if !ok {
			continue
		}
		t, err := f.shape.project(v)
		if err != nil {
			return nil, err
		}
		items = append(items, ast.Item(f.key, t))
	}
	if len(items) == 0 {
		return ast.InternedEmptyObject, nil // OPA's own, shared: values are never written
	}
	return ast.ObjectTerm(items...), nil
}

// eachValue is an object read with []: every value, keys kept.
func (s *shape) eachValue(m map[string]any) (*ast.Term, error) {
	items := make([][2]*ast.Term, 0, len(m))
	for k, v := range m {
		t, err := s.each.project(v)
		if err != nil {
			return nil, err
		}
		items = append(items, ast.Item(ast.StringTerm(k), t))
	}
	return ast.ObjectTerm(items...), nil
}

// shapesOf returns, for a kind, the fields that the policies whose
// input.resources hold it read: whole documents unless each of them
// declares custom.fields. Computed once, before any run.
func shapesOf(policies []*Policy) func(graph.GroupKind) *shape {
	byKind := map[graph.GroupKind]*shape{}
	for _, p := range policies {
		for _, k := range p.Resources {
			if _, done := byKind[k]; !done {
				byKind[k] = unionFor(policies, &k)
			}
		}
	}
	other := unionFor(policies, nil)
	return func(k graph.GroupKind) *shape {
		if s, ok := byKind[k]; ok {
			return s
		}
		return other
	}
}

// unionFor is the union of the fields of the policies over kind k (over
// every kind when k is nil, as for a kind no policy names).
func unionFor(policies []*Policy, k *graph.GroupKind) *shape {
	var out *shape
	found := false
	for _, p := range policies {
		if !p.Mesh || (p.Resources != nil && (k == nil || !slices.Contains(p.Resources, *k))) {
			continue
		}
		if !p.hasFields {
			return nil
		}
		if !found {
			out, found = p.fields, true
			continue
		}
		merged, ok := mergeShapes(out, p.fields)
		if !ok {
			return nil
		}
		out = merged
	}
	return out.withKeys()
}
