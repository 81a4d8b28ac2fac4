package yamldoc

import (
	"errors"
	"fmt"
	"reflect"
	"strings"
	"testing"
)

func TestNodeToValueScalars(t *testing.T) {
	tests := []struct {
		text string
		want any
	}{
		{"hello", "hello"},
		{"'42'", "42"},
		{`"true"`, "true"},
		{"42", int64(42)},
		{"-7", int64(-7)},
		{"+5", int64(5)},
		{"0x1F", int64(31)},
		{"0o17", int64(15)},
		{"9223372036854775808", float64(9223372036854775808)}, // too big for int64
		{"1.5", 1.5},
		{"1e3", float64(1000)},
		{"+1.5", 1.5},
		{".inf", ".inf"}, // JSON has no infinity: kept as written
		{".nan", ".nan"},
		{"true", true},
		{"True", true},
		{"FALSE", false},
		{"yes", "yes"}, // YAML 1.2: not a bool
		{"on", "on"},
		{"null", nil},
		{"~", nil},
		{"", nil},
		{"!!str 5", "5"},
		{"!!int '5'", int64(5)},
		{"2024-01-02", "2024-01-02"}, // timestamps stay strings, as in JSON
		{"|\n  text\n", "text\n"},
	}
	for _, tt := range tests {
		got, err := nodeToValue(parseNode(t, tt.text), 1000, 100)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("nodeToValue(%q) = %#v, %v; want %#v", tt.text, got, err, tt.want)
		}
	}
}

func TestNodeToValueCollections(t *testing.T) {
	tests := []struct {
		name, text string
		want       any
	}{
		{"mapping", "a: 1\nb: [x, {c: d}]\n", map[string]any{"a": int64(1), "b": []any{"x", map[string]any{"c": "d"}}}},
		{"empty collections", "a: {}\nb: []\n", map[string]any{"a": map[string]any{}, "b": []any{}}},
		{"alias", "a: &x {k: v}\nb: *x\n", map[string]any{"a": map[string]any{"k": "v"}, "b": map[string]any{"k": "v"}}},
		{"merge", "base: &b {k: v, o: 1}\nm:\n  <<: *b\n  o: 2\n", map[string]any{"base": map[string]any{"k": "v", "o": int64(1)}, "m": map[string]any{"k": "v", "o": int64(2)}}},
		{"merge list, earlier wins", "a: &a {k: a}\nb: &b {k: b, j: b}\nm: {<<: [*a, *b]}\n",
			map[string]any{"a": map[string]any{"k": "a"}, "b": map[string]any{"k": "b", "j": "b"}, "m": map[string]any{"k": "a", "j": "b"}}},
		{"explicit merge tag", "a: &a {k: v}\nm: {!!merge <<: *a}\n", map[string]any{"a": map[string]any{"k": "v"}, "m": map[string]any{"k": "v"}}},
		{"merge of a non-mapping is ignored", "a: &a [1]\nm: {<<: *a, k: v}\n", map[string]any{"a": []any{int64(1)}, "m": map[string]any{"k": "v"}}},
		{"repeated key, last wins", "a: 1\na: 2\n", map[string]any{"a": int64(2)}},
		{"non-string keys", "1: one\ntrue: yes\n", map[string]any{"1": "one", "true": "yes"}},
		{"complex key", "? [a, b]\n: v\n", map[string]any{"": "v"}},
	}
	for _, tt := range tests {
		got, err := nodeToValue(parseNode(t, tt.text), 1000, 100)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: nodeToValue = %#v, %v; want %#v", tt.name, got, err, tt.want)
		}
	}
}

func TestNodeToValueLimits(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		budget   int // nodes aliases may add
		maxDepth int
		want     error
	}{
		{"small document, small budget", "a: [1, 2, 3]\n", 1, 10, nil},
		{"written nodes do not count", strings.Repeat("- x\n", 100), 1, 10, nil},
		{"alias expansions count", aliasBomb(3, 10), 1000, 10, errExpansionLimit},
		{"alias expansions within budget", aliasBomb(3, 10), 2000, 10, nil},
		{"billion laughs", aliasBomb(10, 10), 1_000_000, 1000, errExpansionLimit},
		{"merge bomb", mergeBomb(10, 10), 1_000_000, 1000, errExpansionLimit},
		{"self-merge", "a: &a {<<: *a}\n", 1_000_000, 1000, errDepthLimit},
		{"self-containing sequence", "a: &a [*a]\n", 1_000_000, 1000, errDepthLimit},
		{"self-containing sequence, deep limit", "a: &a [*a]\n", 1000, 1_000_000, errExpansionLimit},
		{"nesting counts", strings.Repeat("[", 50) + strings.Repeat("]", 50), 1000, 40, errDepthLimit},
		{"nesting within the limit", strings.Repeat("[", 50) + strings.Repeat("]", 50), 1000, 50, nil},
		{"aliases nest deeper", "a: &a [[[x]]]\nb: &b [[[*a]]]\nc: [[[*b]]]\n", 1000, 9, errDepthLimit},
	}
	for _, tt := range tests {
		n := parseNodeLenient(tt.text)
		if n == nil {
			t.Errorf("%s: does not parse", tt.name)
			continue
		}
		_, err := nodeToValue(n, tt.budget, tt.maxDepth)
		if !errors.Is(err, tt.want) || (err == nil) != (tt.want == nil) {
			t.Errorf("%s: err = %v; want %v", tt.name, err, tt.want)
		}
	}
}

// TestInternedValuesEqual converts documents with and without sharing
// strings, past the point where the tables start again.
func TestInternedValuesEqual(t *testing.T) {
	var many strings.Builder
	for i := range maxInternedValues + 10 {
		fmt.Fprintf(&many, "k%d: v%d\n", i%(maxInternedValues/2), i)
	}
	texts := []string{
		"a: x\nb: x\nc: [x, 'x', 1, '1', true, null, ~, 1.5]\nd: {a: x}\n",
		"s: " + strings.Repeat("long", 40) + "\nt: !!str 12\nu: !custom v\n",
		"a: &x {k: v}\nb: *x\nc:\n  <<: *x\n  k: w\n",
		many.String(),
	}
	in := newInterner()
	for _, text := range texts {
		for range 2 {
			n := parseNode(t, text)
			want, wantNull, err1 := convertDocument(n, 1000, 100)
			got, gotNull, err2 := convertShared(n, 1000, 100, in)
			if !reflect.DeepEqual(got, want) || gotNull != wantNull || err1 != err2 {
				t.Fatalf("%.40q: shared %v %v %v, want %v %v %v", text, got, gotNull, err2, want, wantNull, err1)
			}
		}
	}
}
