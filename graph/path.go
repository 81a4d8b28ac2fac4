package graph

import (
	"fmt"
	"strconv"
	"strings"
)

// PathSegment is one step of a field path: a mapping key or a list index.
type PathSegment struct {
	Key     string
	Index   int
	IsIndex bool
}

// ParsePath parses `spec.http[0].route[1].destination.subset`. Keys that
// contain dots or brackets are written quoted in brackets:
// `metadata.annotations["networking.istio.io/exportTo"]`.
func ParsePath(path string) ([]PathSegment, error) {
	if path == "" {
		return nil, nil
	}
	segs := make([]PathSegment, 0, 1+strings.Count(path, ".")+strings.Count(path, "["))
	for i := 0; i < len(path); {
		switch path[i] {
		case '.':
			i++
		case '[':
			end := strings.IndexByte(path[i:], ']')
			if i+1 < len(path) && path[i+1] == '"' {
				s, rest, err := quotedKey(path[i+1:])
				if err != nil {
					return nil, fmt.Errorf("field path %q: %v", path, err)
				}
				segs = append(segs, PathSegment{Key: s})
				i = len(path) - len(rest)
				if i >= len(path) || path[i] != ']' {
					return nil, fmt.Errorf("field path %q: missing ]", path)
				}
				i++
				continue
			}
			if end < 0 {
				return nil, fmt.Errorf("field path %q: missing ]", path)
			}
			n, err := strconv.Atoi(path[i+1 : i+end])
			if err != nil || n < 0 {
				return nil, fmt.Errorf("field path %q: bad index %q", path, path[i+1:i+end])
			}
			segs = append(segs, PathSegment{Index: n, IsIndex: true})
			i += end + 1
		default:
			j := i
			for j < len(path) && path[j] != '.' && path[j] != '[' {
				j++
			}
			segs = append(segs, PathSegment{Key: path[i:j]})
			i = j
		}
	}
	return segs, nil
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

// FieldKey renders one key for a field path, quoting it when needed.
func FieldKey(key string) string {
	if strings.ContainsAny(key, ".[]\" ") || key == "" {
		return "[" + strconv.Quote(key) + "]"
	}
	return "." + key
}

// JoinPath appends keys to a path: JoinPath("metadata", "annotations", "a.b/c")
// gives `metadata.annotations["a.b/c"]`.
func JoinPath(base string, keys ...string) string {
	var b strings.Builder
	b.WriteString(base)
	for _, k := range keys {
		b.WriteString(FieldKey(k))
	}
	return strings.TrimPrefix(b.String(), ".")
}

// IndexPath appends a list index: IndexPath("spec.http", 2) gives `spec.http[2]`.
func IndexPath(base string, i int) string {
	return base + "[" + strconv.Itoa(i) + "]"
}
