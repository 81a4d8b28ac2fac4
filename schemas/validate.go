package schemas

import (
	"errors"
	"fmt"
	"maps"
	"net/url"
	"slices"
	"strings"
	"sync"

	"github.com/santhosh-tekuri/jsonschema/v5"

	"github.com/meshlint/meshlint/graph/fieldpath"
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
	if c.fast != nil && c.fast.valid(inst) {
		return nil, nil
	}
	lib, err := c.library()
	if err != nil {
		return nil, err
	}
	err = lib.Validate(inst)
	if err == nil {
		return nil, nil
	}
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return nil, err
	}
	var leaves []*jsonschema.ValidationError
	collectLeaves(ve, &leaves)
	w := wording{docs: lib.docs, obj: inst, suggested: map[string]bool{}}
	var out []Violation
	for _, l := range leaves {
		out = append(out, w.violations(l)...)
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

// collectLeaves gathers the innermost errors: the ones that say what is
// wrong. A failed oneOf/anyOf/not is a leaf itself: its causes are the
// alternatives that did not match, not mistakes. The library's wrapper of
// several errors has no message, and its location ends with the field it
// was reached by: one named oneOf (a CRD's openAPIV3Schema has one) is
// not a failed oneOf.
func collectLeaves(ve *jsonschema.ValidationError, out *[]*jsonschema.ValidationError) {
	switch keyword(ve.KeywordLocation) {
	case "oneOf", "anyOf", "not":
		if ve.Message != "" {
			*out = append(*out, ve)
			return
		}
	}
	if len(ve.Causes) == 0 {
		*out = append(*out, ve)
		return
	}
	for _, c := range ve.Causes {
		collectLeaves(c, out)
	}
}

// keyword is the last token of a keyword location.
func keyword(loc string) string {
	return loc[strings.LastIndexByte(loc, '/')+1:]
}

// pointerTokens splits a JSON pointer as the validator writes it (each
// token JSON-pointer escaped, then URL path escaped).
func pointerTokens(ptr string) []string {
	if ptr == "" {
		return nil
	}
	toks := strings.Split(strings.TrimPrefix(ptr, "/"), "/")
	for i, t := range toks {
		if u, err := url.PathUnescape(t); err == nil {
			t = u
		}
		toks[i] = strings.ReplaceAll(strings.ReplaceAll(t, "~1", "/"), "~0", "~")
	}
	return toks
}

// instanceAt follows an instance pointer through v and renders it as a
// field path; a numeric token is an index only where v is a list.
func instanceAt(v any, ptr string) (path string, value any, depth int) {
	toks := pointerTokens(ptr)
	value = v
	for _, t := range toks {
		switch cur := value.(type) {
		case map[string]any:
			path, value = fieldpath.Join(path, t), cur[t]
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(cur) {
				return path, nil, len(toks)
			}
			path, value = fieldpath.Index(path, i), cur[i]
		}
	}
	return path, value, len(toks)
}

// schemaAt returns the JSON Schema object at an absolute keyword location
// (document URL, '#', pointer).
func schemaAt(docs map[string]map[string]any, loc string) map[string]any {
	url, ptr, _ := strings.Cut(loc, "#")
	var cur any = docs[url]
	for _, t := range pointerTokens(ptr) {
		switch c := cur.(type) {
		case map[string]any:
			cur = c[t]
		case []any:
			var i int
			if _, err := fmt.Sscan(t, &i); err != nil || i < 0 || i >= len(c) {
				return nil
			}
			cur = c[i]
		default:
			return nil
		}
	}
	m, _ := cur.(map[string]any)
	return m
}
