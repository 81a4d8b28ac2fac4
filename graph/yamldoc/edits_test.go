package yamldoc

import (
	"testing"
)

// apply applies one edit to text (the helpers' edits are single).
func apply(t *testing.T, text string, e Edit) string {
	t.Helper()
	a, b := ByteOffset([]byte(text), e.Range.Start), ByteOffset([]byte(text), e.Range.End)
	if a < 0 || b < a {
		t.Fatalf("edit %+v outside the text", e)
	}
	return text[:a] + e.NewText + text[b:]
}

func TestReplaceScalar(t *testing.T) {
	tests := []struct {
		name, text, path, value, want string
		ok                            bool
	}{
		{"plain", "a: x   # c\n", "a", "y.z", "a: y.z   # c\n", true},
		{"double quoted", "a: \"x\"\n", "a", "y", "a: \"y\"\n", true},
		{"single quoted", "a: 'x'\n", "a", "it's", "a: 'it''s'\n", true},
		{"multibyte before", "b: é\na: x\n", "a", "z", "b: é\na: z\n", true},
		{"plain would be a YAML 1.1 boolean", "a: x\n", "a", "y", "", false},
		{"plain would change type", "a: x\n", "a", "true", "", false},
		{"block scalar", "a: |\n  x\n", "a", "y", "", false},
		{"anchored", "a: &x x\n", "a", "y", "", false},
		{"tagged", "a: !!str x\n", "a", "y", "", false},
		{"not a scalar", "a: {b: c}\n", "a", "y", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loadText(tt.text).Documents[0]
			e, ok := doc.ReplaceScalar(tt.path, tt.value)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok {
				if got := apply(t, tt.text, e); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestDeleteEntry(t *testing.T) {
	tests := []struct {
		name, text, path, key, want string
		ok                          bool
	}{
		{"whole lines", lines("m:", "  a: 1", "  b:", "    c: 2", "  d: 3"), "m", "b", lines("m:", "  a: 1", "  d: 3"), true},
		{"last line without break", "m:\n  a: 1\n  b: 2", "m", "b", "m:\n  a: 1\n", true},
		{"first key of an item", lines("l:", "- a: 1", "  b: 2"), "l[0]", "a", lines("l:", "- b: 2"), true},
		{"only key of an item", lines("l:", "- a: 1"), "l[0]", "a", "", false},
		{"flow mapping", lines("m: {a: 1, b: 2}"), "m", "a", "", false},
		{"anchor used elsewhere", lines("m:", "  a: &x 1", "  b: *x"), "m", "a", "", false},
		{"missing key", lines("m:", "  a: 1"), "m", "z", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loadText(tt.text).Documents[0]
			e, ok := doc.DeleteEntry(tt.path, tt.key)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok {
				if got := apply(t, tt.text, e); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestInsertEntry(t *testing.T) {
	tests := []struct {
		name, text, path, key, value, want string
		ok                                 bool
	}{
		{"block", lines("m:", "  a: 1   # c", "x: 2"), "m", "b", "2", lines("m:", "  a: 1   # c", "  b: 2", "x: 2"), true},
		{"after a nested value", lines("m:", "  a:", "    c: 1", "x: 2"), "m", "b", "2", lines("m:", "  a:", "    c: 1", "  b: 2", "x: 2"), true},
		{"item mapping", lines("l:", "- a: 1"), "l[0]", "b", "2", lines("l:", "- a: 1", "  b: 2"), true},
		{"nested block", lines("m:", "  a: 1"), "m", "b", "\n  c: \"x\"", lines("m:", "  a: 1", "  b:", "    c: \"x\""), true},
		{"no final line break", "m:\n  a: 1", "m", "b", "2", "m:\n  a: 1\n  b: 2", true},
		{"flow", lines("m: {a: 1}"), "m", "b", "2", lines("m: {a: 1, b: 2}"), true},
		{"empty flow", lines("m: {}"), "m", "b", "2", lines("m: {b: 2}"), true},
		{"flow over lines", lines("m: {a: 1,", "  c: 3}"), "m", "b", "2", "", false},
		{"nested into flow", lines("m: {a: 1}"), "m", "b", "\n  c: 2", "", false},
		{"not a mapping", lines("m: [1]"), "m", "b", "2", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc := loadText(tt.text).Documents[0]
			e, ok := doc.InsertEntry(tt.path, tt.key, tt.value)
			if ok != tt.ok {
				t.Fatalf("ok = %v, want %v", ok, tt.ok)
			}
			if ok {
				if got := apply(t, tt.text, e); got != tt.want {
					t.Errorf("got %q, want %q", got, tt.want)
				}
			}
		})
	}
}

func TestIndentStep(t *testing.T) {
	tests := []struct {
		name, text, path string
		want             int
	}{
		{"two", lines("l:", "- d:", "    h: 1"), "l[0].d", 2},
		{"four", lines("l:", "    -   d:", "            h: 1"), "l[0].d", 4},
		{"flow", lines("d: {h: 1}"), "d", 2},
		{"list item", lines("l:", "- h: 1"), "l[0]", 2},
		{"missing", lines("d:", "   h: 1"), "x", 2},
	}
	for _, tt := range tests {
		if got := loadText(tt.text).Documents[0].IndentStep(tt.path); got != tt.want {
			t.Errorf("%s: IndentStep(%s) = %d; want %d", tt.name, tt.path, got, tt.want)
		}
	}
}

func TestBlock(t *testing.T) {
	text := lines("a: 1", "--- # second", "b: 2", "...", "--- ", "c: 3") + "---\nkind: List\nitems:\n- d: 4\n"
	lf := loadText(text)
	want := []struct {
		text string
		ok   bool
	}{
		{"a: 1\n", true},
		{"--- # second\nb: 2\n...\n", true},
		{"--- \nc: 3\n", true},
		{"", false}, // a List item
	}
	if len(lf.Documents) != len(want) {
		t.Fatalf("%d documents", len(lf.Documents))
	}
	for i, w := range want {
		got, r, ok := lf.Documents[i].Block()
		if ok != w.ok || got != w.text {
			t.Errorf("document %d: Block() = %q, %v; want %q, %v", i, got, ok, w.text, w.ok)
			continue
		}
		if ok {
			if s, _ := lf.text.slice(r); s != got {
				t.Errorf("document %d: range %+v holds %q, not the block", i, r, s)
			}
		}
	}
}
