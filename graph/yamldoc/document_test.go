package yamldoc

import (
	"fmt"
	"strings"
	"testing"
	"time"

	yaml "go.yaml.in/yaml/v3"

	"github.com/meshlint/meshlint/graph/source"
)

// lookupText is the fixture of the lookup tests; line numbers are noted
// where cases use them.
var lookupText = lines(
	"apiVersion: networking.istio.io/v1", // 1
	"kind: VirtualService",
	"metadata:",
	"  name: reviews",
	"  annotations:",
	`    networking.istio.io/exportTo: "."`, // 6
	"spec:",
	"  hosts: [reviews, 'it''s']", // 8
	"  http:",
	"  - route:", // 10
	"    - destination:",
	"        host: reviews",
	"        subset: v1", // 13
	"    - destination: {host: reviews, subset: 'v2'}", // 14
	"      weight: 10",
	"  - route:", // 16
	"    - destination:",
	`        host: "ratings"`,   // 18
	`        subset: "a\"b\\c"`, // 19
	"    mirror:",
	"      host: empty", // 21
	"      subset:",     // 22
	"---",
	"apiVersion: v1", // 24
	"kind: ConfigMap",
	"metadata: {name: scripts}",
	"data:",
	"  literal: |", // 28
	"    echo one",
	"      indented more",
	"    echo last", // 31
	"  folded: >-",  // 32
	"    one",
	"    two", // 34
	"",
	"  keep: |+", // 36
	"    kept",   // 37
	"",
	"  plain: multi",         // 39
	"    line",               // 40
	"  after: x",             // 41
	"  unicode: héllo wörld", // 42
	"  empty: ''",            // 43
	"  nested:",
	"    script: |", // 45
	"      #!/bin/sh",
	"      exit 0",                 // 47
	`  escaped: "tab\there\u00e9"`, // 48
	`  multi: "first`,              // 49
	`    second"`,                  // 50
	"  single: 'one",               // 51
	"",
	"    two'", // 53
	"  ref: &r [a]",
	"  alias: *r",          // 55
	"  spaced: { a: 1 , }", // 56
	"  flowlines: [",       // 57
	"    x,  # comment",
	"  ]", // 59
	"  emptyflow: { }",
)

func lookupDocs(t *testing.T) (vs, cm *Document) {
	t.Helper()
	lf := loadText(lookupText)
	if len(lf.Problems) != 0 || len(lf.Documents) != 2 {
		t.Fatalf("%d documents, problems %+v; want 2 and none", len(lf.Documents), lf.Problems)
	}
	return lf.Documents[0], lf.Documents[1]
}

func TestDocumentLookupAndRange(t *testing.T) {
	vs, cm := lookupDocs(t)
	at := func(line int, s string) Range { return span(t, lookupText, line, s) }
	tests := []struct {
		doc   *Document
		path  string
		ok    bool
		value string // the found (or deepest) node's Value, for scalars
		rng   Range  // Range(path)
	}{
		{vs, "spec.http[0].route[0].destination.subset", true, "v1", at(13, "v1")},
		{vs, "spec.http[0].route[0].destination.host", true, "reviews", at(12, "reviews")},
		// Flow style and quoted scalars: the range includes the quotes.
		{vs, "spec.http[0].route[1].destination.subset", true, "v2", at(14, "'v2'")},
		{vs, "spec.http[0].route[1].destination.host", true, "reviews", at(14, "reviews")},
		{vs, `metadata.annotations["networking.istio.io/exportTo"]`, true, ".", at(6, `"."`)},
		{vs, "spec.http[1].route[0].destination.host", true, "ratings", at(18, `"ratings"`)},
		{vs, "spec.http[1].route[0].destination.subset", true, `a"b\c`, at(19, `"a\"b\\c"`)},
		{vs, "spec.hosts[1]", true, "it's", at(8, `'it''s'`)},
		{vs, "spec.http[0].route[1].weight", true, "10", at(15, "10")},
		{vs, "metadata.name", true, "reviews", at(4, "reviews")},
		// A null value: an empty range where it would be written.
		{vs, "spec.http[1].mirror.subset", true, "", Range{Position{22, 14}, Position{22, 14}}},
		// Collections: from the key to the end of the last element.
		{vs, "spec.hosts", true, "", Range{pos(t, lookupText, 8, "hosts"), at(8, "]").End}},
		{vs, "spec.http[0].route[1].destination", true, "", Range{pos(t, lookupText, 14, "destination"), at(14, "}").End}},
		{vs, "spec.http[0].route[0].destination", true, "", Range{pos(t, lookupText, 11, "destination"), at(13, "v1").End}},
		{vs, "spec.http[0].route[0]", true, "", Range{pos(t, lookupText, 11, "destination"), at(13, "v1").End}},
		// Missing paths: the key of the deepest field that exists.
		{vs, "spec.http[0].route[0].destination.port.number", false, "", at(11, "destination")},
		{vs, "spec.http[5].route", false, "", at(9, "http")},
		{vs, "spec.tcp", false, "", at(7, "spec")},
		{vs, "metadata.name.deeper", false, "reviews", at(4, "name")},
		{vs, "spec.http[0].route[1].destination.subset[0]", false, "v2", at(14, "subset")},
		{vs, "spec.http[0].nothing", false, "", Range{pos(t, lookupText, 10, "route"), at(15, "10").End}},
		{vs, "nothing", false, "", Range{Position{1, 1}, at(22, "subset:").End}},
		{vs, "spec[", false, "", Range{Position{1, 1}, at(22, "subset:").End}},
		// Block scalars: from the indicator to the end of the last content line.
		{cm, "data.literal", true, "echo one\n  indented more\necho last\n", Range{pos(t, lookupText, 28, "|"), at(31, "echo last").End}},
		{cm, "data.folded", true, "one two", Range{pos(t, lookupText, 32, ">-"), at(34, "two").End}},
		{cm, "data.keep", true, "kept\n\n", Range{pos(t, lookupText, 36, "|+"), at(37, "kept").End}},
		{cm, "data.nested.script", true, "#!/bin/sh\nexit 0\n", Range{pos(t, lookupText, 45, "|"), at(47, "exit 0").End}},
		{cm, "data.nested", true, "", Range{pos(t, lookupText, 44, "nested"), at(47, "exit 0").End}},
		{cm, "data.plain", true, "multi line", Range{pos(t, lookupText, 39, "multi"), at(40, "line").End}},
		{cm, "data.after", true, "x", at(41, "x")},
		{cm, "data.unicode", true, "héllo wörld", at(42, "héllo wörld")},
		{cm, "data.empty", true, "", at(43, "''")},
		// Escapes and line breaks inside quotes: the source decides.
		{cm, "data.escaped", true, "tab\there\u00e9", at(48, `"tab\there\u00e9"`)},
		{cm, "data.multi", true, "first second", Range{pos(t, lookupText, 49, `"first`), at(50, `second"`).End}},
		{cm, "data.single", true, "one\ntwo", Range{pos(t, lookupText, 51, "'one"), at(53, "two'").End}},
		// An alias is its own range, not that of its anchor.
		{cm, "data.alias", true, "", at(55, "*r")},
		{cm, "data.alias[0]", true, "a", at(54, "a")},
		// Flow collections end at their closing bracket, wherever it is.
		{cm, "data.spaced", true, "", Range{pos(t, lookupText, 56, "spaced"), at(56, "}").End}},
		{cm, "data.flowlines", true, "", Range{pos(t, lookupText, 57, "flowlines"), at(59, "]").End}},
		{cm, "data.emptyflow", true, "", Range{pos(t, lookupText, 60, "emptyflow"), at(60, "}").End}},
	}
	for _, tt := range tests {
		key, value, ok := tt.doc.Lookup(tt.path)
		if ok != tt.ok || value == nil {
			t.Errorf("Lookup(%s): ok=%v value=%v; want ok=%v", tt.path, ok, value, tt.ok)
			continue
		}
		if value.Kind == yaml.ScalarNode && value.Value != tt.value {
			t.Errorf("Lookup(%s) = %q; want %q", tt.path, value.Value, tt.value)
		}
		if ok && !strings.HasSuffix(tt.path, "]") && (key == nil || !strings.HasSuffix(tt.path, key.Value)) {
			t.Errorf("Lookup(%s) key %v", tt.path, key)
		}
		if got := tt.doc.Range(tt.path); got != tt.rng {
			t.Errorf("Range(%s) = %+v; want %+v", tt.path, got, tt.rng)
		}
		if loc := tt.doc.Location(tt.path); loc.File != "test.yaml" || loc.Range != tt.doc.Range(tt.path) {
			t.Errorf("Location(%s) = %+v", tt.path, loc)
		}
	}
}

func TestDocumentKeyRange(t *testing.T) {
	vs, _ := lookupDocs(t)
	at := func(line int, s string) Range { return span(t, lookupText, line, s) }
	tests := []struct {
		path string
		want Range
	}{
		{"spec.http[0].route[0].destination.subset", at(13, "subset")},
		{"spec.http[0].route[1].destination.subset", at(14, "subset")},
		{`metadata.annotations["networking.istio.io/exportTo"]`, at(6, "networking.istio.io/exportTo")},
		{"spec.hosts[0]", at(8, "reviews")}, // a list item has no key: its value
		// Missing: the deepest node that exists, here the destination mapping.
		{"spec.http[0].route[0].destination.port", Range{pos(t, lookupText, 12, "host"), at(13, "v1").End}},
	}
	for _, tt := range tests {
		if got := vs.KeyRange(tt.path); got != tt.want {
			t.Errorf("KeyRange(%s) = %+v; want %+v", tt.path, got, tt.want)
		}
	}
}

func TestDocumentLookupInListItem(t *testing.T) {
	text := lines(
		"apiVersion: v1",
		"kind: List",
		"items:",
		"- apiVersion: networking.istio.io/v1",
		"  kind: DestinationRule",
		"  metadata: {name: r}",
		"  spec:",
		"    host: r",
		"    subsets:",
		"    - name: v1", // 10
		"    - {name: v2, labels: {version: v2}}", // 11
	)
	lf := loadText(text)
	if len(lf.Problems) != 0 || len(lf.Documents) != 1 || lf.Documents[0].ItemPath != "items[0]" {
		t.Fatalf("documents %v, problems %+v; want the one item", lf.Documents, lf.Problems)
	}
	d := lf.Documents[0]
	if got, want := d.Range("spec.subsets[1].labels.version"), span(t, text, 11, "v2}"); got.Start != want.Start {
		t.Errorf("Range = %+v; want start %+v", got, want.Start)
	}
	if got, want := d.Range("spec.subsets[0].name"), span(t, text, 10, "v1"); got != want {
		t.Errorf("Range = %+v; want %+v", got, want)
	}
	// Paths are relative to the item, not to the List.
	if _, _, ok := d.Lookup("items"); ok {
		t.Errorf("an item sees the List's fields")
	}
	if d.RNode().YNode() != d.Root() {
		t.Errorf("RNode does not share the document's node")
	}
}

// TestRangeImplicitNullAtEnd: yaml.v3 puts the null of a final `?` or
// `key:` on a line the file does not have (found by FuzzLookup).
func TestRangeImplicitNullAtEnd(t *testing.T) {
	for _, text := range []string{"?", "a:", "a: 1\r\nb:"} {
		lf := LoadFile(source.Source{Path: "f.yaml", Content: []byte(text)}, Limits{})
		lines := yamlLineCount([]byte(text))
		for _, d := range lf.Documents {
			for _, path := range []string{"", "x", "b", "a"} {
				if r := d.Range(path); r.End.Line > lines || r.Start.Line > lines {
					t.Errorf("%q: Range(%q) = %+v, past the file's %d lines", text, path, r, lines)
				}
			}
		}
	}
}

// TestLookupLargeMappingLinear: one lookup per key of a mapping of 100,000
// keys must not scan the mapping each time.
func TestLookupLargeMappingLinear(t *testing.T) {
	var b strings.Builder
	b.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: big\ndata:\n")
	const n = 100_000
	for i := range n {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	lf := LoadFile(source.Source{Path: "f.yaml", Content: []byte(b.String())}, Limits{})
	if len(lf.Documents) != 1 {
		t.Fatalf("%d documents, problems %+v", len(lf.Documents), lf.Problems)
	}
	d := lf.Documents[0]
	withTimeout(t, 10*time.Second, func() {
		for i := 0; i < n; i += 7 {
			if _, v, ok := d.Lookup(fmt.Sprintf("data.k%d", i)); !ok || v.Line != 6+i {
				t.Fatalf("data.k%d not found at line %d", i, 6+i)
			}
		}
	})
	if _, _, ok := d.Lookup("data.missing"); ok {
		t.Error("found a key that is not there")
	}
}

func TestLookupLargeMappingMergeKeys(t *testing.T) {
	var b strings.Builder
	b.WriteString("base: &b {merged: yes}\nm:\n  <<: *b\n")
	for i := range 100 {
		fmt.Fprintf(&b, "  k%d: v\n", i)
	}
	b.WriteString("  k5: last\n")
	var n yaml.Node
	if err := yaml.Unmarshal([]byte(b.String()), &n); err != nil {
		t.Fatal(err)
	}
	d := &Document{node: n.Content[0], keys: &keyIndex{}}
	if _, v, ok := d.Lookup("m.merged"); !ok || v.Value != "yes" {
		t.Errorf("merged key not found through the index")
	}
	if _, v, ok := d.Lookup("m.k5"); !ok || v.Value != "last" {
		t.Errorf("repeated key: got %v; want the last occurrence", v)
	}
}

// TestReleasedDocumentsParseAgain: Load releases the node trees of the
// documents without aliases; lookups parse them again and must find the
// same positions as the tree first parsed, for List items, documents after
// a `...` end marker, CRLF files and %YAML directives.
func TestReleasedDocumentsParseAgain(t *testing.T) {
	text := lines(
		"%YAML 1.2",
		"---",
		"apiVersion: v1",
		"kind: List",
		"items:",
		"- apiVersion: v1",
		"  kind: List",
		"  items:",
		"  - {apiVersion: v1, kind: Service, metadata: {name: deep}, spec: {ports: [{port: 80}]}}",
		"- apiVersion: v1",
		"  kind: Service",
		"  metadata: {name: shallow}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: before-end",
		"...",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: after-end",
		"  labels: {a: b}",
	)
	for _, content := range []string{text, strings.ReplaceAll(text, "\n", "\r\n")} {
		src := source.Source{Path: "f.yaml", Content: []byte(content)}
		released := LoadAll([]source.Source{src}, Limits{})[0]
		fresh := LoadFile(src, Limits{}) // never released
		if len(released.Documents) != 4 || len(fresh.Documents) != 4 {
			t.Fatalf("%d and %d documents; want 4 (problems %+v)", len(released.Documents), len(fresh.Documents), released.Problems)
		}
		for i, d := range released.Documents {
			r := d.String()
			if d.node != nil {
				t.Errorf("%s: the tree was not released", r)
			}
			for _, path := range []string{"", "metadata.name", "metadata", "spec.ports[0].port", "metadata.labels.a", "kind"} {
				if got, want := d.Range(path), fresh.Documents[i].Range(path); got != want {
					t.Errorf("%s: Range(%q) = %+v after release; want %+v", r, path, got, want)
				}
			}
			if d.ItemPath != fresh.Documents[i].ItemPath || d.Start() != fresh.Documents[i].Start() {
				t.Errorf("%s: item path %q start %+v; want %q %+v", r, d.ItemPath, d.Start(), fresh.Documents[i].ItemPath, fresh.Documents[i].Start())
			}
		}
	}
}

// TestDocumentsWithAliasesKeepTheirTree: Build decides what their aliases
// may add, so Load leaves them parsed.
func TestDocumentsWithAliasesKeepTheirTree(t *testing.T) {
	lf := loadText(lines("apiVersion: v1", "kind: Service", "metadata: {name: a, labels: &l {app: a}, annotations: *l}"))
	if len(lf.Documents) != 1 || lf.Documents[0].node == nil {
		t.Fatalf("documents %d; want one with its tree", len(lf.Documents))
	}
}
