package schemas

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/graph/fieldpath"
)

// wording turns failures into violations in the shape of the API server's
// field errors ("Invalid value: V: detail"), reading the failed keyword
// from its schema node: one failure of additionalProperties is every
// unknown field of an object, each with its suggestion. Unlike the API
// server's, they quote the value as the user wrote it (FormatValue), not
// its type, and say what is expected in words ("must be an integer, not a
// string").
type wording struct {
	// suggested holds the paths an unknown field was taken to misspell:
	// that field's Required violation would repeat the same mistake.
	suggested map[string]bool
}

func (w *wording) violations(f failure) []Violation {
	path, value, depth, kw, node := f.path, f.value, f.depth, f.keyword, f.node
	at := func(kind ViolationKind, format string, args ...any) []Violation {
		return []Violation{{Path: path, Kind: kind, Message: fmt.Sprintf(format, args...)}}
	}
	switch kw {
	case "additionalProperties":
		return w.unknownFields(path, value, node)
	case "required":
		return missingFields(path, value, node)
	case "type":
		kind := Type
		if types, _ := node["type"].([]any); depth == 1 && slices.Contains(types, any("object")) {
			kind = Shape
		}
		return at(kind, "Invalid value: %s: must be %s, not %s", render(value), typeList(node["type"]), typeName(jsonType(value)))
	case "enum":
		return at(Enum, "Unsupported value: %s: supported values: %s", render(value), enumList(node["enum"]))
	case "format":
		return at(Format, "Invalid value: %s: must be %s", render(value), formatName(node["format"]))
	case "pattern":
		return at(Pattern, "Invalid value: %s: must match the regular expression '%s'", render(value), node["pattern"])
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		return at(Range, "Invalid value: %s: must be %s %s", render(value), comparisons[kw], render(node[kw]))
	case "minLength", "maxLength":
		return at(Length, "Invalid value: %s: must be %s %v characters long", render(value), bounds[kw], node[kw])
	case "minProperties", "maxProperties":
		return at(Length, "Invalid value: %s: must have %s %v fields, not %d", render(value), bounds[kw], node[kw], size(value))
	case "minItems", "maxItems":
		return at(Items, "Invalid value: %s: must have %s %v items, not %d", render(value), bounds[kw], node[kw], size(value))
	case "oneOf":
		if set := presentAlternatives(value, f.oneOf); len(set) > 1 {
			return at(Other, "Invalid value: %s: set only one of %s", render(value), quoteList(set))
		}
		return at(Other, "Invalid value: %s: must match exactly one of the schema's alternatives (oneOf)", render(value))
	case "anyOf":
		return at(Other, "Invalid value: %s: must match at least one of the schema's alternatives (anyOf)", render(value))
	case "not":
		return at(Other, "Invalid value: %s: must not match the schema's excluded form (not)", render(value))
	}
	return at(Other, "Invalid value: %s: %s", render(value), f.message)
}

var comparisons = map[string]string{
	"minimum": "greater than or equal to", "exclusiveMinimum": "greater than",
	"maximum": "less than or equal to", "exclusiveMaximum": "less than",
}

var bounds = map[string]string{
	"minLength": "at least", "maxLength": "at most",
	"minProperties": "at least", "maxProperties": "at most",
	"minItems": "at least", "maxItems": "at most",
}

// unknownFields reports each key of value that node does not declare.
func (w *wording) unknownFields(path string, value any, node map[string]any) []Violation {
	obj, _ := value.(map[string]any)
	known, _ := node["properties"].(map[string]any)
	names := slices.Sorted(maps.Keys(known))
	var out []Violation
	for _, k := range slices.Sorted(maps.Keys(obj)) {
		if _, ok := known[k]; ok {
			continue
		}
		v := Violation{Path: fieldpath.Join(path, k), Kind: UnknownField, Field: k,
			Message: fmt.Sprintf("unknown field %q", k), Suggestion: Suggest(k, names)}
		if v.Suggestion != "" {
			w.suggested[fieldpath.Join(path, v.Suggestion)] = true
		}
		out = append(out, v)
	}
	return out
}

// missingFields reports each required field of node absent from value.
func missingFields(path string, value any, node map[string]any) []Violation {
	obj, _ := value.(map[string]any)
	var out []Violation
	required, _ := node["required"].([]string)
	for _, f := range required {
		if _, ok := obj[f]; !ok {
			out = append(out, Violation{Path: fieldpath.Join(path, f), Kind: Required, Field: f, Message: "Required value"})
		}
	}
	return out
}

// presentAlternatives names the fields of value that satisfy a oneOf's
// `required` branches: Istio's CRDs write "at most one of a, b" that way.
func presentAlternatives(value any, branches []map[string]any) []string {
	obj, _ := value.(map[string]any)
	var set []string
	for _, b := range branches {
		req, _ := b["required"].([]string)
		if len(req) == 1 {
			if _, ok := obj[req[0]]; ok {
				set = append(set, req[0])
			}
		}
	}
	return set
}

// dedupe keeps one violation per mistake: one per unknown or missing
// field, one per value (the first in kind order: a type error before the
// range error of the same value), and no Required for a field an unknown
// key was taken to misspell. The result is sorted by path.
func (w *wording) dedupe(vs []Violation) []Violation {
	slices.SortStableFunc(vs, func(a, b Violation) int {
		if c := strings.Compare(a.Path, b.Path); c != 0 {
			return c
		}
		return int(a.Kind) - int(b.Kind)
	})
	var out []Violation
	for _, v := range vs {
		if v.Kind == Required && w.suggested[v.Path] {
			continue
		}
		if n := len(out); n > 0 && out[n-1].Path == v.Path {
			continue // the same field already has its violation
		}
		out = append(out, v)
	}
	return out
}

func jsonType(v any) string {
	switch v := v.(type) {
	case nil:
		return "null"
	case bool:
		return "boolean"
	case int64, int:
		return "integer"
	case float64:
		if v == float64(int64(v)) {
			return "integer"
		}
		return "number"
	case string:
		return "string"
	case []any:
		return "array"
	case map[string]any:
		return "object"
	}
	return fmt.Sprintf("%T", v)
}

// render writes a value as the user wrote it (see FormatValue).
func render(v any) string {
	return FormatValue(v)
}

// formatName says what a string format expects.
func formatName(f any) string {
	if n, ok := formatNames[f]; ok {
		return n
	}
	return fmt.Sprintf("a string of format %v", f)
}

var formatNames = map[any]string{
	"int32":     "an integer that fits in 32 bits",
	"int64":     "an integer that fits in 64 bits",
	"date-time": "an RFC 3339 date and time, such as 2024-05-01T12:00:00Z",
	"duration":  "a duration, such as 10s, 500ms or 1h",
	"byte":      "base64-encoded data",
	"uri":       "a URI",
	"hostname":  "a host name",
	"ipv4":      "an IPv4 address",
	"ipv6":      "an IPv6 address",
}

func size(v any) int {
	switch v := v.(type) {
	case map[string]any:
		return len(v)
	case []any:
		return len(v)
	}
	return 0
}

// typeList says what a type keyword expects ("an integer or a string"),
// leaving out null (nullable is not what the user got wrong).
func typeList(t any) string {
	var names []string
	types, _ := t.([]any)
	for _, n := range types {
		if s, ok := n.(string); ok && s != "null" {
			names = append(names, typeName(s))
		}
	}
	return strings.Join(names, " or ")
}

// enumList renders the allowed values to write instead. null (nullable)
// and "" (a built-in kind's unset field, which the API server defaults)
// are allowed but are not advice.
func enumList(e any) string {
	var parts []string
	values, _ := e.([]any)
	for _, v := range values {
		if v != nil && v != "" {
			parts = append(parts, render(v))
		}
	}
	return strings.Join(parts, ", ")
}

func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	return strings.Join(q, ", ")
}
