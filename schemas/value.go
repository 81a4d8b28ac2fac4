package schemas

import (
	"bytes"
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// maxValueLen bounds a value quoted in a message: a whole object would
// bury the message; its start is enough to recognise it.
const maxValueLen = 100

// FormatValue writes a decoded YAML or JSON value as the user could have
// written it: strings quoted, numbers, booleans and null bare, objects and
// lists in flow style with sorted keys ({"host": "reviews", "port": 80}).
// A value longer than maxValueLen shows its nested objects and lists as
// {...} and [...], so that its fields stay in sight, and is cut with "..."
// if that is still too long.
func FormatValue(v any) string {
	var b strings.Builder
	writeValue(&b, v, -1)
	s := b.String()
	if len(s) > maxValueLen {
		b.Reset()
		writeValue(&b, v, 1)
		s = b.String()
	}
	if len(s) > maxValueLen {
		cut := maxValueLen
		for cut > 0 && !isRuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "..."
	}
	return s
}

func isRuneStart(c byte) bool { return c&0xC0 != 0x80 }

// writeValue writes v; depth is how many levels of objects and lists to
// open (negative: all), deeper ones are written {...} and [...].
func writeValue(b *strings.Builder, v any, depth int) {
	if b.Len() > maxValueLen {
		return // FormatValue cuts here anyway
	}
	switch v := v.(type) {
	case nil:
		b.WriteString("null")
	case string:
		b.WriteString(quoteString(v))
	case float64:
		b.WriteString(strconv.FormatFloat(v, 'f', -1, 64)) // 4294967295, not 4.294967295e+09
	case map[string]any:
		if depth == 0 && len(v) > 0 {
			b.WriteString("{...}")
			return
		}
		b.WriteByte('{')
		for i, k := range slices.Sorted(maps.Keys(v)) {
			if i > 0 {
				b.WriteString(", ")
			}
			b.WriteString(quoteString(k) + ": ")
			writeValue(b, v[k], depth-1)
		}
		b.WriteByte('}')
	case []any:
		if depth == 0 && len(v) > 0 {
			b.WriteString("[...]")
			return
		}
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteString(", ")
			}
			writeValue(b, x, depth-1)
		}
		b.WriteByte(']')
	default:
		b.WriteString(strings.TrimSpace(string(mustJSON(v))))
	}
}

// quoteString quotes s as JSON does (which YAML reads too), without
// escaping <, > and & as HTML.
func quoteString(s string) string {
	return strings.TrimSpace(string(mustJSON(s)))
}

func mustJSON(v any) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return []byte(strconv.Quote(err.Error()))
	}
	return buf.Bytes()
}

// typeNames say what a JSON-Schema type is to someone writing YAML.
var typeNames = map[string]string{
	"object":  "an object (a mapping of fields)",
	"array":   "a list",
	"string":  "a string",
	"integer": "an integer",
	"number":  "a number",
	"boolean": "a boolean (true or false)",
	"null":    "null",
}

// typeName is typeNames[t], or t itself.
func typeName(t string) string {
	if n, ok := typeNames[t]; ok {
		return n
	}
	return t
}
