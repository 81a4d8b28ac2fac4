package schemas

import (
	"errors"
	"fmt"
	"maps"
	"slices"
	"sync"
)

// ViolationKind says what is wrong with a field.
type ViolationKind int

const (
	UnknownField ViolationKind = iota + 1 // a key the schema does not define
	Type                                  // a value of the wrong JSON type
	Enum                                  // a value outside the allowed set
	Required                              // a required field is missing
	Format                                // a string (or number) not in the declared format
	Pattern                               // a string not matching the pattern
	Range                                 // a number outside minimum/maximum
	Length                                // a string or map too short or too long
	Items                                 // a list with too few or too many items
	// Shape is a top-level field (spec, metadata…) that is not an object:
	// nothing below it can be validated.
	Shape
	Other // anything else (oneOf, anyOf, not)
)

var kindNames = [...]string{"", "UnknownField", "Type", "Enum", "Required", "Format", "Pattern", "Range", "Length", "Items", "Shape", "Other"}

func (k ViolationKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("ViolationKind(%d)", int(k))
}

// Violation is one thing the API server would reject.
type Violation struct {
	// Path is the offending field in field path syntax
	// (spec.http[0].route[1].destination.subset); for Required, the
	// missing field.
	Path string
	Kind ViolationKind
	// Message is worded like the API server's, without the leading path:
	// `unknown field "destinaton"`, `Required value`,
	// `Unsupported value: "FOO": supported values: "HTTP", "HTTPS"`.
	Message string
	// Field is the key, for UnknownField and Required.
	Field string
	// Suggestion is, for UnknownField, the known field the key most likely
	// misspells ("" when none is close).
	Suggestion string
}

// ErrNoSchema is returned (wrapped) by Validate for a kind meshlint has no
// schema for.
var ErrNoSchema = errors.New("no schema")

// Validate checks obj, a whole object as decoded from YAML, against the
// schema of g, the way the API server does on a create with strict field
// validation. Violations come sorted by path. The error is ErrNoSchema
// (wrapped), or says the schema does not compile or obj holds values that
// are not JSON.
func (r *Registry) Validate(g GVK, obj map[string]any) ([]Violation, error) {
	return r.validate(g, obj, true)
}

// ValidateLoaded is Validate for an object as loaded, whose loader knows
// whether it holds a null: without one, the API server's pruning of nulls
// has nothing to do, and its walk over the object is skipped.
func (r *Registry) ValidateLoaded(g GVK, obj map[string]any, hasNull bool) ([]Violation, error) {
	return r.validate(g, obj, hasNull)
}

func (r *Registry) validate(g GVK, obj map[string]any, mayHoldNull bool) ([]Violation, error) {
	e, ok, err := r.Lookup(g)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, fmt.Errorf("%w for %s", ErrNoSchema, g)
	}
	c, err := r.compile(e)
	if err != nil {
		return nil, err
	}
	return c.validate(instance(e.Schema, obj, mayHoldNull))
}

// compile returns the compiled schema of e, compiling it on first use:
// only the kinds present in the input cost anything.
func (r *Registry) compile(e *Entry) (*compiled, error) {
	f, ok := r.compiled.Load(e)
	if !ok {
		f, _ = r.compiled.LoadOrStore(e, sync.OnceValues(func() (*compiled, error) { return compileEntry(e) }))
	}
	return f.(func() (*compiled, error))()
}

// instance is obj as the API server validates it on a create; nulls are
// pruned when the object may hold one.
func instance(s *Schema, obj map[string]any, mayHoldNull bool) any {
	if _, ok := obj["status"]; ok && s.Properties["status"] != nil {
		// The API server resets status on a create (controllers write it
		// through the status subresource): status copied from a live
		// object (`kubectl get -o yaml`) is not the user's mistake.
		obj = maps.Clone(obj)
		delete(obj, "status")
	}
	if !mayHoldNull {
		return obj
	}
	inst, _ := pruneNulls(obj, s)
	return inst
}

func (c *compiled) validate(inst any) ([]Violation, error) {
	if c.fast.valid(inst) {
		return nil, nil
	}
	if err := c.schemaErr(); err != nil {
		return nil, err
	}
	failures := c.fast.explain(inst)
	if c.fast.broken.Load() {
		return nil, c.unsupported()
	}
	w := wording{suggested: map[string]bool{}}
	var out []Violation
	for _, f := range failures {
		out = append(out, w.violations(f)...)
	}
	return w.dedupe(out), nil
}

// pruneNulls drops the null fields the API server prunes before it
// validates (fields not marked nullable), without touching v: a copy is
// made along the changed branch only.
func pruneNulls(v any, s *Schema) (any, bool) {
	if s == nil {
		return v, false
	}
	switch v := v.(type) {
	case map[string]any:
		var out map[string]any
		for k, child := range v {
			cs := propertySchema(s, k)
			if cs == nil || (child == nil && cs.Nullable) {
				continue
			}
			nv, changed := pruneNulls(child, cs)
			if child != nil && !changed {
				continue
			}
			if out == nil {
				out = maps.Clone(v)
			}
			if child == nil {
				delete(out, k)
			} else {
				out[k] = nv
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	case []any:
		var out []any
		for i, item := range v {
			if nv, changed := pruneNulls(item, s.Items); changed {
				if out == nil {
					out = slices.Clone(v)
				}
				out[i] = nv
			}
		}
		if out == nil {
			return v, false
		}
		return out, true
	}
	return v, false
}

// propertySchema is the schema of field k of an object of schema s.
func propertySchema(s *Schema, k string) *Schema {
	if p, ok := s.Properties[k]; ok {
		return p
	}
	if s.AdditionalProperties != nil {
		return s.AdditionalProperties.Schema
	}
	return nil
}
