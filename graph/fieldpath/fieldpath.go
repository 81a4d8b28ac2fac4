// Package fieldpath reads and writes field paths such as
// spec.http[0].route[1].destination.subset: how findings, schema
// violations and lookups in a document name a field. It is plain string
// handling, kept apart from the YAML model so that code building paths over
// decoded values (the schema validator) needs no YAML parser.
package fieldpath

import (
	"fmt"
	"strconv"
	"strings"
)

// Segment is one step of a field path: a mapping key or a list index.
type Segment struct {
	Key     string
	Index   int
	IsIndex bool
}

// Parse parses `spec.http[0].route[1].destination.subset`. Keys that
// contain dots or brackets are written quoted in brackets:
// `metadata.annotations["networking.istio.io/exportTo"]`.
func Parse(path string) ([]Segment, error) {
	if path == "" {
		return nil, nil
	}
	segs := make([]Segment, 0, 1+strings.Count(path, ".")+strings.Count(path, "["))
	err := Each(path, func(s Segment) bool {
		segs = append(segs, s)
		return true
	})
	if err != nil {
		return nil, err
	}
	return segs, nil
}

// Each calls visit with each segment of path, in order, until it
// returns false; rules follow many paths, and most need no slice of them.
func Each(path string, visit func(Segment) bool) error {
	for i := 0; i < len(path); {
		var seg Segment
		switch path[i] {
		case '.':
			i++
			continue
		case '[':
			n, key, quoted, next, err := bracketSegment(path, i)
			if err != nil {
				return err
			}
			seg, i = Segment{Index: n, IsIndex: !quoted, Key: key}, next
		default:
			j := i
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				j++
			}
			seg, i = Segment{Key: path[i:j]}, j
		}
		if !visit(seg) {
			return nil
		}
	}
	return nil
}

// bracketSegment reads `[3]` or `["a.b/c"]` at path[i]; next is the index
// after the closing bracket.
func bracketSegment(path string, i int) (n int, key string, quoted bool, next int, err error) {
	if i+1 < len(path) && path[i+1] == '"' {
		s, rest, err := quotedKey(path[i+1:])
		if err != nil {
			return 0, "", false, 0, fmt.Errorf("field path %q: %v", path, err)
		}
		next = len(path) - len(rest)
		if next >= len(path) || path[next] != ']' {
			return 0, "", false, 0, fmt.Errorf("field path %q: missing ]", path)
		}
		return 0, s, true, next + 1, nil
	}
	end := strings.IndexByte(path[i:], ']')
	if end < 0 {
		return 0, "", false, 0, fmt.Errorf("field path %q: missing ]", path)
	}
	n, err = strconv.Atoi(path[i+1 : i+end])
	if err != nil || n < 0 {
		return 0, "", false, 0, fmt.Errorf("field path %q: bad index %q", path, path[i+1:i+end])
	}
	return n, "", false, i + end + 1, nil
}

// quotedKey reads a Go-quoted string at the start of s.
func quotedKey(s string) (key, rest string, err error) {
	prefix, err := strconv.QuotedPrefix(s)
	if err != nil {
		return "", "", err
	}
	key, err = strconv.Unquote(prefix)
	return key, s[len(prefix):], err
}

// Key renders one key for a field path, quoting it when needed.
func Key(key string) string {
	if !plainKey(key) {
		return "[" + strconv.Quote(key) + "]"
	}
	return "." + key
}

// plainKey reports whether key is written after a dot, unquoted.
func plainKey(key string) bool { return key != "" && !strings.ContainsAny(key, ".[]\" ") }

// Join appends keys to a path: Join("metadata", "annotations", "a.b/c")
// gives `metadata.annotations["a.b/c"]`.
func Join(base string, keys ...string) string {
	n := len(base)
	for _, k := range keys {
		n += 1 + len(k) // exact for plain keys, which are the rule
	}
	var b strings.Builder
	b.Grow(n) // one allocation: paths are built for every reference
	b.WriteString(base)
	for _, k := range keys {
		if plainKey(k) {
			b.WriteByte('.')
			b.WriteString(k)
		} else {
			b.WriteString(Key(k))
		}
	}
	return strings.TrimPrefix(b.String(), ".")
}

// Index appends a list index: Index("spec.http", 2) gives `spec.http[2]`.
func Index(base string, i int) string {
	return base + "[" + strconv.Itoa(i) + "]"
}
