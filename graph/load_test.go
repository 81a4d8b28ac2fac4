package graph

import (
	"fmt"
	"strconv"
	"strings"
	"testing"
)

func svc(name string) string {
	return lines("apiVersion: v1", "kind: Service", "metadata:", "  name: "+name)
}

func TestLoadMultiDocumentPositions(t *testing.T) {
	text := lines(
		"apiVersion: v1", // 1
		"kind: Service",
		"metadata:",
		"  name: a", // 4
		"---",
		"apiVersion: v1", // 6
		"kind: Service",
		"metadata:",
		"  name: bee", // 9
		"--- # third",
		"# a comment",
		"apiVersion: v1", // 12
		"kind: Service",
		"metadata:",
		"  namespace: other",
		"  name: c", // 16
	)
	g := loadYAML(t, text)
	noProblems(t, g)
	if g.Documents != 3 || len(g.Files) != 1 || g.Files[0].Streams != 3 {
		t.Fatalf("documents %d, streams %d; want 3 and 3", g.Documents, g.Files[0].Streams)
	}
	tests := []struct {
		ns, name string
		index    int
		line     int // of metadata.name
		start    int // of the document's first key
	}{
		{"default", "a", 0, 4, 1},
		{"default", "bee", 1, 9, 6},
		{"other", "c", 2, 16, 12},
	}
	for _, tt := range tests {
		r := mustGet(t, g, KindService, tt.ns, tt.name)
		if r.Doc.Index != tt.index || r.Doc.File != "test.yaml" || r.Doc.ItemPath != "" {
			t.Errorf("%s: doc %s index %d; want test.yaml#%d", tt.name, r.Doc, r.Doc.Index, tt.index)
		}
		loc := r.Location("metadata.name")
		want := span(t, text, tt.line, tt.name)
		if loc.File != "test.yaml" || loc.Range != want {
			t.Errorf("%s: metadata.name at %s %+v; want %+v", tt.name, loc.File, loc.Range, want)
		}
		if got := r.Doc.Start(); got.File != "test.yaml" || got.Start != (Position{Line: tt.start, Column: 1}) {
			t.Errorf("%s: document starts at %+v; want %d:1", tt.name, got.Start, tt.start)
		}
	}
}

func TestLoadEmptyDocuments(t *testing.T) {
	tests := []struct {
		name      string
		text      string
		streams   int
		resources int
		index     int // of the first resource
		nameLine  int // of the first resource's metadata.name
	}{
		{"empty file", "", 1, 0, 0, 0},
		{"dashes alone", "---\n", 1, 0, 0, 0},
		{"dashes without line break", "---", 1, 0, 0, 0},
		{"only a comment", "# nothing here\n", 1, 0, 0, 0},
		{"explicit null", "--- null\n", 1, 0, 0, 0},
		{"empty then one", "---\n---\n" + svc("a"), 2, 1, 1, 6},
		{"empty between", svc("a") + "---\n---\n" + svc("b"), 3, 2, 0, 4},
		{"trailing dashes", svc("a") + "---\n", 2, 1, 0, 4},
		{"comment before first dashes", "# header\n\n---\n" + svc("a"), 1, 1, 0, 7},
		{"document end marker", svc("a") + "...\n", 1, 1, 0, 4},
		{"comment-only document between", svc("a") + "---\n# nothing\n---\n" + svc("b"), 3, 2, 0, 4},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadYAML(t, tt.text)
			noProblems(t, g)
			if g.Files[0].Streams != tt.streams {
				t.Errorf("streams %d; want %d", g.Files[0].Streams, tt.streams)
			}
			if len(g.Resources) != tt.resources {
				t.Fatalf("resources %v; want %d", resourceNames(g.Resources), tt.resources)
			}
			if tt.resources == 0 {
				return
			}
			r := g.Resources[0]
			if r.Doc.Index != tt.index {
				t.Errorf("first resource in document %d; want %d", r.Doc.Index, tt.index)
			}
			if got := r.Location("metadata.name").Start.Line; got != tt.nameLine {
				t.Errorf("metadata.name on line %d; want %d", got, tt.nameLine)
			}
		})
	}
}

func TestLoadYAMLDirective(t *testing.T) {
	tests := []struct {
		name     string
		text     string
		names    []string
		nameLine []int
	}{
		{"1.2 before dashes", "%YAML 1.2\n---\n" + svc("a"), []string{"a"}, []int{6}},
		{"1.1 before dashes", "%YAML 1.1\n---\n" + svc("a"), []string{"a"}, []int{6}},
		{"comment and directive", "# header\n%YAML 1.2\n---\n" + svc("a"), []string{"a"}, []int{7}},
		{"tag directive", "%TAG !k! tag:example.com,2000:\n---\n" + svc("a"), []string{"a"}, []int{6}},
		{"directive in second document", svc("a") + "...\n%YAML 1.2\n---\n" + svc("b"), []string{"a", "b"}, []int{4, 11}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadYAML(t, tt.text)
			noProblems(t, g)
			if len(g.Resources) != len(tt.names) {
				t.Fatalf("resources %v; want %v", resourceNames(g.Resources), tt.names)
			}
			for i, r := range g.Resources {
				if r.Name != tt.names[i] {
					t.Errorf("resource %d is %s; want %s", i, r.Name, tt.names[i])
				}
				if got := r.Location("metadata.name").Start; got != (Position{Line: tt.nameLine[i], Column: 9}) {
					t.Errorf("%s: metadata.name at %+v; want %d:9", r.Name, got, tt.nameLine[i])
				}
			}
		})
	}
}

func TestLoadLists(t *testing.T) {
	list := lines(
		"apiVersion: v1",
		"kind: List",
		"items:",
		"- apiVersion: v1", // 4
		"  kind: Service",
		"  metadata:",
		"    name: a", // 7
		"- apiVersion: v1",
		"  kind: ServiceList", // 9: a nested list
		"  items:",
		"  - apiVersion: v1",
		"    kind: Service",
		"    metadata: {name: b}", // 13
		"  - apiVersion: v1",
		"    kind: Service",
		"    metadata:",
		"      name: c", // 17
		"- apiVersion: v1",
		"  kind: ConfigMap",
		"  metadata:",
		"    name: d", // 21
	)
	fooList := lines(
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualServiceList",
		"items:",
		"- apiVersion: networking.istio.io/v1",
		"  kind: VirtualService",
		"  metadata: {name: r}", // 6
		"- apiVersion: networking.istio.io/v1",
		"  kind: VirtualService",
		"  metadata: {name: s}", // 9
	)
	g := loadFiles(t, DefaultOptions(), "list.yaml", svc("first")+"---\n"+list, "foo.yaml", fooList)
	noProblems(t, g)
	listText := svc("first") + "---\n" + list
	tests := []struct {
		gk       GroupKind
		name     string
		file     string
		index    int
		itemPath string
		text     string
		line     int
	}{
		{KindService, "first", "list.yaml", 0, "", listText, 4},
		{KindService, "a", "list.yaml", 1, "items[0]", listText, 5 + 7},
		{KindService, "b", "list.yaml", 1, "items[1].items[0]", listText, 5 + 13},
		{KindService, "c", "list.yaml", 1, "items[1].items[1]", listText, 5 + 17},
		{GroupKind{"", "ConfigMap"}, "d", "list.yaml", 1, "items[2]", listText, 5 + 21},
		{KindVirtualService, "r", "foo.yaml", 0, "items[0]", fooList, 6},
		{KindVirtualService, "s", "foo.yaml", 0, "items[1]", fooList, 9},
	}
	for _, tt := range tests {
		r := mustGet(t, g, tt.gk, "default", tt.name)
		if r.Doc.File != tt.file || r.Doc.Index != tt.index || r.Doc.ItemPath != tt.itemPath {
			t.Errorf("%s: document %s (index %d, item %q); want %s#%d %q", tt.name, r.Doc, r.Doc.Index, r.Doc.ItemPath, tt.file, tt.index, tt.itemPath)
		}
		if got, want := r.Location("metadata.name").Range, span(t, tt.text, tt.line, tt.name); got != want {
			t.Errorf("%s: metadata.name at %+v; want %+v", tt.name, got, want)
		}
	}
	if got := mustGet(t, g, KindService, "default", "c").Doc.String(); got != "list.yaml#1.items[1].items[1]" {
		t.Errorf("String() = %q", got)
	}
	if g.Documents != 7 {
		t.Errorf("Documents = %d; want 7 (lists expanded)", g.Documents)
	}
	if r := g.Get(Key{GroupKind{"", "List"}, "default", ""}); r != nil || len(g.Resources) != 7 {
		t.Errorf("the List objects themselves must not be resources: %v", resourceNames(g.Resources))
	}
}

func TestLoadListBadItems(t *testing.T) {
	text := lines(
		"apiVersion: v1",
		"kind: List",
		"items:",
		"- just a string", // 4
		"- apiVersion: v1",
		"  kind: Service",
		"  metadata: {name: ok}",
		"- [a, b]", // 8
	)
	g := loadYAML(t, text)
	bad := problemsOf(g, ProblemInvalidResource)
	if len(bad) != 2 || len(g.Problems) != 2 {
		t.Fatalf("problems %+v; want two invalid items", g.Problems)
	}
	if bad[0].Location.Start != pos(t, text, 4, "just") || !strings.Contains(bad[0].Message, "scalar") {
		t.Errorf("first bad item: %+v", bad[0])
	}
	if bad[1].Location.Start != pos(t, text, 8, "[") || !strings.Contains(bad[1].Message, "sequence") {
		t.Errorf("second bad item: %+v", bad[1])
	}
	mustGet(t, g, KindService, "default", "ok")
}

func TestLoadEmptyList(t *testing.T) {
	for _, text := range []string{
		"apiVersion: v1\nkind: List\nitems: []\n",
		"apiVersion: v1\nkind: List\nmetadata: {}\nitems: []\n",
	} {
		g := loadYAML(t, text)
		noProblems(t, g)
		if len(g.Resources) != 0 || g.Documents != 0 {
			t.Errorf("%q: resources %v, documents %d; want none", text, resourceNames(g.Resources), g.Documents)
		}
	}
}

func TestLoadJSON(t *testing.T) {
	object := "{\n  \"apiVersion\": \"v1\",\n  \"kind\": \"Service\",\n  \"metadata\": {\"name\": \"a\", \"namespace\": \"ns\"}\n}\n"
	list := "{\"apiVersion\": \"v1\", \"kind\": \"List\", \"items\": [\n" +
		"  {\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"b\"}},\n" +
		"  {\"apiVersion\": \"v1\", \"kind\": \"Service\", \"metadata\": {\"name\": \"c\"}}\n" +
		"]}\n"
	tabs := "{\n\t\"apiVersion\": \"v1\",\n\t\"kind\": \"Service\",\n\t\"metadata\": {\n\t\t\"name\": \"d\"\n\t}\n}\n"
	g := loadFiles(t, DefaultOptions(), "a.json", object, "list.json", list, "tabs.json", tabs)
	noProblems(t, g)
	tests := []struct {
		ns, name, text, itemPath string
		line                     int
	}{
		{"ns", "a", object, "", 4},
		{"default", "b", list, "items[0]", 2},
		{"default", "c", list, "items[1]", 3},
		{"default", "d", tabs, "", 5},
	}
	for _, tt := range tests {
		r := mustGet(t, g, KindService, tt.ns, tt.name)
		if r.Doc.ItemPath != tt.itemPath {
			t.Errorf("%s: item path %q; want %q", tt.name, r.Doc.ItemPath, tt.itemPath)
		}
		// The value range of a double-quoted scalar includes the quotes.
		if got, want := r.Location("metadata.name").Range, span(t, tt.text, tt.line, `"`+tt.name+`"`); got != want {
			t.Errorf("%s: metadata.name at %+v; want %+v", tt.name, got, want)
		}
	}
	// An object ends at its closing brace, on whatever line it is.
	d := mustGet(t, g, KindService, "default", "d").Doc
	if got, want := d.Range("metadata"), (Range{Start: Position{Line: 4, Column: 2}, End: Position{Line: 6, Column: 3}}); got != want {
		t.Errorf("metadata at %+v; want %+v", got, want)
	}
	if got, want := d.Range(""), (Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 7, Column: 2}}); got != want {
		t.Errorf("whole object at %+v; want %+v", got, want)
	}
}

func TestLoadCRLF(t *testing.T) {
	text := strings.ReplaceAll(lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: abc", // 4
		"  labels:",
		"    app: web",
		"    app: web2", // 7: duplicate
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: 'quoted'", // 12
		"---",
		"a: [", // 14: syntax error
	), "\n", "\r\n")
	g := loadYAML(t, text)
	r := mustGet(t, g, KindService, "default", "abc")
	if got, want := r.Location("metadata.name").Range, span(t, text, 4, "abc"); got != want {
		t.Errorf("metadata.name at %+v; want %+v", got, want)
	}
	if r.Name != "abc" || r.Labels["app"] != "web2" {
		t.Errorf("name %q labels %v: a carriage return leaked into values", r.Name, r.Labels)
	}
	q := mustGet(t, g, KindService, "default", "quoted")
	if got, want := q.Location("metadata.name").Range, span(t, text, 12, "'quoted'"); got != want {
		t.Errorf("quoted name at %+v; want %+v", got, want)
	}
	dup := problemsOf(g, ProblemDuplicateKey)
	if len(dup) != 1 || dup[0].Location.Range != span(t, text, 7, "app") {
		t.Errorf("duplicate key problems %+v; want one at 7:5", dup)
	}
	syn := problemsOf(g, ProblemSyntax)
	if len(syn) != 1 || syn[0].Location.Start != (Position{Line: 14, Column: 1}) || syn[0].Location.End != (Position{Line: 14, Column: 5}) {
		t.Errorf("syntax problems %+v; want one at 14:1-14:5", syn)
	}
}

func TestLoadByteOrderMark(t *testing.T) {
	text := "\ufeff" + svc("a") + "---\n" + svc("b")
	g := loadYAML(t, text)
	noProblems(t, g)
	a := mustGet(t, g, KindService, "default", "a")
	if got := a.Doc.Start().Start; got != (Position{Line: 1, Column: 1}) {
		t.Errorf("first document starts at %+v; want 1:1", got)
	}
	if got := a.Doc.KeyRange("apiVersion"); got != (Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 1, Column: 11}}) {
		t.Errorf("apiVersion key at %+v; want 1:1-1:11", got)
	}
	if got := mustGet(t, g, KindService, "default", "b").Location("metadata.name").Start; got != (Position{Line: 9, Column: 9}) {
		t.Errorf("second name at %+v; want 9:9", got)
	}
	// A syntax error on the first line is placed after the mark, too.
	g = loadYAML(t, "\ufeff  a: [\n")
	syn := problemsOf(g, ProblemSyntax)
	if len(syn) != 1 || syn[0].Location.Start != (Position{Line: 1, Column: 3}) {
		t.Errorf("syntax problems %+v; want one at 1:3", syn)
	}
}

func TestLoadSyntaxErrorInMiddleDocument(t *testing.T) {
	tests := []struct {
		name string
		bad  []string // document 2, starting on line 6
		line int      // absolute line of the error
	}{
		// A scanner error: yaml.v3 numbers these lines from 1.
		{"mapping in plain scalar", []string{"apiVersion: v1", "kind: Service", "metadata:", "  name: b", "    namespace: x: y"}, 10},
		// Parser errors: yaml.v3 numbers these lines from 0.
		{"unclosed flow sequence", []string{"apiVersion: v1", "kind: Service", "metadata:", "  name: b", "  labels: [x", "spec: {}"}, 10},
		{"unclosed flow mapping", []string{"apiVersion: v1", "kind: Service", "metadata: {name: b", "spec: x"}, 8},
		{"bad indentation", []string{"apiVersion: v1", "kind: Service", "metadata:", "  name: b", " spec: {}"}, 10},
		{"unterminated quote", []string{"apiVersion: v1", "kind: Service", `metadata: {name: "b}`}, 8},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			text := svc("a") + "---\n" + lines(tt.bad...) + "---\n" + svc("c")
			g := loadYAML(t, text)
			syn := problemsOf(g, ProblemSyntax)
			if len(syn) != 1 || len(g.Problems) != 1 {
				t.Fatalf("problems %+v; want one syntax error", g.Problems)
			}
			p := syn[0]
			if p.Location.File != "test.yaml" || p.Location.Start.Line != tt.line {
				t.Errorf("syntax error %q at %s:%d; want line %d", p.Message, p.Location.File, p.Location.Start.Line, tt.line)
			}
			if want := pos(t, text, tt.line, strings.TrimLeft(strings.Split(text, "\n")[tt.line-1], " ")[:1]); p.Location.Start != want {
				t.Errorf("syntax error at %+v; want the first non-blank of its line, %+v", p.Location.Start, want)
			}
			if !strings.HasPrefix(p.Message, "YAML syntax error: ") || strings.Contains(p.Message, "line ") {
				t.Errorf("message %q", p.Message)
			}
			mustGet(t, g, KindService, "default", "a")
			c := mustGet(t, g, KindService, "default", "c")
			if c.Doc.Index != 2 {
				t.Errorf("third document has index %d", c.Doc.Index)
			}
			if g.Get(Key{KindService, "default", "b"}) != nil {
				t.Errorf("the broken document was loaded")
			}
		})
	}
}

func TestLoadDuplicateKeys(t *testing.T) {
	text := lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: a",
		"  labels:",
		"    app: one", // 6
		"    tier: x",
		"    app: two", // 8
		"spec:",
		"  ports: [{port: 80, port: 81}]", // 10
	)
	g := loadYAML(t, text)
	dup := problemsOf(g, ProblemDuplicateKey)
	if len(dup) != 2 || len(g.Problems) != 2 {
		t.Fatalf("problems %+v; want two duplicate keys", g.Problems)
	}
	tests := []struct {
		p       Problem
		second  int // line of the repeated key
		first   int // line of the first key
		key     string
		firstAt string
	}{
		{dup[0], 8, 6, "app", "app"},
		{dup[1], 10, 10, "port", "port: 80"},
	}
	for _, tt := range tests {
		want := span(t, text, tt.second, tt.key)
		if tt.key == "port" {
			want = span(t, text, 10, "port: 81")
			want.End.Column -= len(": 81")
		}
		if tt.p.Location.Range != want || tt.p.Location.File != "test.yaml" {
			t.Errorf("duplicate %q at %+v; want %+v", tt.key, tt.p.Location, want)
		}
		first := pos(t, text, tt.first, tt.firstAt)
		if len(tt.p.Related) != 1 || tt.p.Related[0].Location.Range != (Range{Start: first, End: Position{Line: first.Line, Column: first.Column + len(tt.key)}}) {
			t.Errorf("duplicate %q: related %+v; want the first key on line %d", tt.key, tt.p.Related, tt.first)
		}
		// The related location names the first line; the message must
		// not, or every line shift would make the finding look new.
		if strings.Contains(tt.p.Message, "line") || !strings.Contains(tt.p.Message, strconv.Quote(tt.key)) {
			t.Errorf("message %q: want the key and no line number", tt.p.Message)
		}
	}
	// The resource is still loaded; the repeated key's last value wins, in
	// the decoded object and in lookups alike.
	r := mustGet(t, g, KindService, "default", "a")
	if r.Labels["app"] != "two" || r.Service.Ports[0].Port != 81 {
		t.Errorf("labels %v ports %+v; want the last values", r.Labels, r.Service.Ports)
	}
	if _, v, ok := r.Doc.Lookup("metadata.labels.app"); !ok || v.Value != "two" || v.Line != 8 {
		t.Errorf("Lookup found %+v; want the last definition", v)
	}
}

func TestLoadNotAnObject(t *testing.T) {
	tests := []struct {
		name, text string
		start      Position
		word       string
	}{
		{"sequence", "- a\n- b\n", Position{Line: 1, Column: 1}, "sequence"},
		{"scalar", "hello\n", Position{Line: 1, Column: 1}, "scalar"},
		{"scalar in second document", svc("a") + "---\n  42\n", Position{Line: 6, Column: 3}, "scalar"},
		{"flow sequence", svc("a") + "---\n[a, b]\n", Position{Line: 6, Column: 1}, "sequence"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadYAML(t, tt.text)
			bad := problemsOf(g, ProblemInvalidResource)
			if len(bad) != 1 || len(g.Problems) != 1 {
				t.Fatalf("problems %+v; want one invalid resource", g.Problems)
			}
			if bad[0].Location.Start != tt.start || !strings.Contains(bad[0].Message, tt.word) {
				t.Errorf("problem %+v; want at %+v mentioning %q", bad[0], tt.start, tt.word)
			}
		})
	}
}

func TestLoadMissingIdentity(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		missing string
		at      Range
	}{
		{"no apiVersion", lines("kind: Service", "metadata:", "  name: a"), "apiVersion", Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 3, Column: 10}}},
		{"no kind", lines("apiVersion: v1", "metadata:", "  name: a"), "kind", Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 3, Column: 10}}},
		{"empty kind", lines("apiVersion: v1", "kind: ''", "metadata:", "  name: a"), "kind", Range{Start: Position{Line: 2, Column: 7}, End: Position{Line: 2, Column: 9}}},
		{"no metadata", lines("apiVersion: v1", "kind: Service", "spec: {}"), "metadata", Range{Start: Position{Line: 1, Column: 1}, End: Position{Line: 3, Column: 9}}},
		{"no name", lines("apiVersion: v1", "kind: Service", "metadata:", "  labels: {a: b}"), "metadata.name", Range{Start: Position{Line: 3, Column: 1}, End: Position{Line: 3, Column: 9}}},
		{"empty metadata", lines("apiVersion: v1", "kind: Service", "metadata: {}"), "metadata.name", Range{Start: Position{Line: 3, Column: 1}, End: Position{Line: 3, Column: 9}}},
		{"in a list item", lines("apiVersion: v1", "kind: List", "items:", "- apiVersion: v1", "  metadata: {name: a}"), "kind", Range{Start: Position{Line: 4, Column: 3}, End: Position{Line: 5, Column: 22}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadYAML(t, tt.text)
			bad := problemsOf(g, ProblemInvalidResource)
			if len(bad) != 1 || len(g.Problems) != 1 || len(g.Resources) != 0 {
				t.Fatalf("problems %+v, resources %v; want one invalid resource", g.Problems, resourceNames(g.Resources))
			}
			if !strings.Contains(bad[0].Message, "no "+tt.missing+";") {
				t.Errorf("message %q does not name %s", bad[0].Message, tt.missing)
			}
			if bad[0].Location.Range != tt.at {
				t.Errorf("problem at %+v; want %+v", bad[0].Location.Range, tt.at)
			}
		})
	}
	// generateName stands in for a name.
	g := loadYAML(t, lines("apiVersion: v1", "kind: Pod", "metadata:", "  generateName: job-"))
	noProblems(t, g)
	mustGet(t, g, KindPod, "default", "job-")
}

func TestLoadDuplicateResources(t *testing.T) {
	vs := func(apiVersion, ns string) string {
		meta := "metadata: {name: reviews}"
		if ns != "" {
			meta = "metadata: {name: reviews, namespace: " + ns + "}"
		}
		return lines("apiVersion: "+apiVersion, "kind: VirtualService", meta, "spec: {hosts: [reviews]}")
	}
	tests := []struct {
		name   string
		first  string
		second string
		dup    bool
	}{
		{"same version", vs("networking.istio.io/v1", ""), vs("networking.istio.io/v1", ""), true},
		{"other version", vs("networking.istio.io/v1alpha3", ""), vs("networking.istio.io/v1", ""), true},
		{"default namespace written out", vs("networking.istio.io/v1", ""), vs("networking.istio.io/v1beta1", "default"), true},
		{"other namespace", vs("networking.istio.io/v1", ""), vs("networking.istio.io/v1", "team"), false},
		{"other group", vs("networking.istio.io/v1", ""), lines("apiVersion: example.com/v1", "kind: VirtualService", "metadata: {name: reviews}"), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := loadFiles(t, DefaultOptions(), "a.yaml", tt.first, "b.yaml", "# padding\n"+tt.second)
			noProblems(t, g)
			if len(g.Resources) != 2 {
				t.Fatalf("resources %v; want both copies kept", resourceNames(g.Resources))
			}
			first, second := g.Resources[0], g.Resources[1]
			if !tt.dup {
				if first.ShadowedBy != nil || second.ShadowedBy != nil || len(g.Applied()) != 2 {
					t.Errorf("distinct objects: shadowed %v %v, applied %v", first.ShadowedBy, second.ShadowedBy, resourceNames(g.Applied()))
				}
				return
			}
			if first.ShadowedBy != second || second.ShadowedBy != nil {
				t.Errorf("ShadowedBy = %v, %v; want the first shadowed by the second", first.ShadowedBy, second.ShadowedBy)
			}
			if got := g.Get(first.Key()); got != second {
				t.Errorf("Get resolves to %s; want the last copy, in b.yaml", got.Doc)
			}
			if cs := g.Copies(first.Key()); len(cs) != 2 || cs[0] != first || cs[1] != second {
				t.Errorf("Copies = %v; want both in load order", resourceNames(cs))
			}
			if ap := g.Applied(); len(ap) != 1 || ap[0] != second {
				t.Errorf("Applied = %v; want the last copy only", resourceNames(ap))
			}
			if of := g.OfKind(first.GroupKind()); len(of) != 2 {
				t.Errorf("OfKind = %v; want both copies", resourceNames(of))
			}
		})
	}
}

// TestCopiesResolveToTheLast checks that references see the copy that
// wins on apply: the last in load order, never an earlier one.
func TestCopiesResolveToTheLast(t *testing.T) {
	dr := func(subset string) string {
		return lines("apiVersion: networking.istio.io/v1", "kind: DestinationRule", "metadata: {name: reviews}",
			"spec: {host: reviews, subsets: [{name: "+subset+", labels: {version: "+subset+"}}]}")
	}
	svc := lines("apiVersion: v1", "kind: Service", "metadata: {name: reviews}", "spec: {selector: {app: reviews}, ports: [{name: http, port: 9080}]}")
	deploy := func(version string) string {
		return lines("apiVersion: apps/v1", "kind: Deployment", "metadata: {name: reviews}",
			"spec: {template: {metadata: {labels: {app: reviews, version: "+version+"}}}}")
	}
	vs := lines("apiVersion: networking.istio.io/v1", "kind: VirtualService", "metadata: {name: reviews}",
		"spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v2}}]}]}")
	g := loadFiles(t, DefaultOptions(),
		"a.yaml", dr("v1")+"---\n"+svc+"---\n"+deploy("v1"),
		"b.yaml", dr("v2")+"---\n"+svc+"---\n"+deploy("v2"),
		"c.yaml", vs)
	noProblems(t, g)
	inB := func(rs []*Resource) bool { return len(rs) == 1 && rs[0].Doc.File == "b.yaml" }
	subsets := g.Edges(EdgeRouteSubset)
	if len(subsets) != 1 || !inB(subsets[0].To) {
		t.Errorf("subset v2 resolves to %+v; want the DestinationRule in b.yaml", subsets)
	}
	hosts := g.Edges(EdgeRouteHost)
	if len(hosts) != 1 || !inB(hosts[0].To) {
		t.Errorf("host reviews resolves to %+v; want the Service in b.yaml", hosts)
	}
	var deployments []string
	for _, w := range g.Workloads() {
		if w.Resource != nil && w.Resource.Implied == "" {
			deployments = append(deployments, w.Resource.Doc.String())
		}
	}
	if len(deployments) != 1 || deployments[0] != "b.yaml#2" {
		t.Errorf("workloads %v; want the Deployment in b.yaml only", deployments)
	}
	for _, r := range g.Resources {
		if r.ShadowedBy != nil && len(g.edgesFrom[r]) > 0 {
			t.Errorf("shadowed %s has edges", r.Doc)
		}
	}
}

func TestLoadNamespaces(t *testing.T) {
	text := lines(
		"apiVersion: v1",
		"kind: Namespace",
		"metadata: {name: team, namespace: ignored}",
		"---",
		"apiVersion: rbac.authorization.k8s.io/v1",
		"kind: ClusterRole",
		"metadata: {name: reader, namespace: ignored}",
		"---",
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: defaulted}",
		"---",
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: explicit, namespace: team}",
		"---",
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: empty, namespace: ''}",
	)
	cm := GroupKind{"", "ConfigMap"}
	tests := []struct {
		defaultNS string
		gk        GroupKind
		name      string
		ns        string
		defaulted bool
	}{
		{"default", KindNamespace, "team", "", false},
		{"default", GroupKind{"rbac.authorization.k8s.io", "ClusterRole"}, "reader", "", false},
		{"default", cm, "defaulted", "default", true},
		{"default", cm, "explicit", "team", false},
		{"default", cm, "empty", "default", true},
		{"bookinfo", cm, "defaulted", "bookinfo", true},
		{"bookinfo", KindNamespace, "team", "", false},
		{"", cm, "defaulted", "", true},
		{"", cm, "explicit", "team", false},
	}
	for _, tt := range tests {
		opts := DefaultOptions()
		opts.DefaultNamespace = tt.defaultNS
		g := loadYAMLOpts(t, opts, text)
		noProblems(t, g)
		r := mustGet(t, g, tt.gk, tt.ns, tt.name)
		if r.NamespaceDefaulted != tt.defaulted {
			t.Errorf("default %q: %s defaulted=%v; want %v", tt.defaultNS, r, r.NamespaceDefaulted, tt.defaulted)
		}
	}
	g := loadYAML(t, text)
	if ns := g.Namespace("team"); ns == nil || ns.Name != "team" || ns.String() != "Namespace team" {
		t.Errorf("Namespace(team) = %v", ns)
	}
}

func TestLoadAnchorsAndMergeKeys(t *testing.T) {
	text := lines(
		"apiVersion: apps/v1",
		"kind: Deployment",
		"extra: &extra {app: extra-app, only: here}", // 3
		"metadata:",
		"  name: web",
		"  labels: &labels", // 6
		"    app: web",      // 7
		"    tier: front",   // 8
		"spec:",
		"  selector:",
		"    matchLabels: *labels", // 11
		"  template:",
		"    metadata:",
		"      labels:",
		"        <<: *labels", // 15
		"        version: v1",
		"        tier: back", // 17: explicit keys win over merged ones
		"      annotations:",
		"        <<: [*extra, *labels]", // 19: earlier sources win
		"    spec:",
		"      containers:",
		"      - &app {name: app, image: x}", // 22
		"      initContainers:",
		"      - *app",
	)
	g := loadYAML(t, text)
	noProblems(t, g)
	r := mustGet(t, g, KindDeployment, "default", "web")
	sel := r.Object["spec"].(map[string]any)["selector"].(map[string]any)["matchLabels"].(map[string]any)
	if fmt.Sprint(sel) != "map[app:web tier:front]" {
		t.Errorf("matchLabels = %v", sel)
	}
	if got := fmt.Sprint(r.Workload.Labels); got != "map[app:web tier:back version:v1]" {
		t.Errorf("template labels = %s", got)
	}
	if got := fmt.Sprint(r.Workload.Annotations); got != "map[app:extra-app only:here tier:front]" {
		t.Errorf("template annotations = %s", got)
	}
	if !equalStrings(r.Workload.Containers, []string{"app"}) || !equalStrings(r.Workload.InitContainers, []string{"app"}) {
		t.Errorf("containers %v init %v", r.Workload.Containers, r.Workload.InitContainers)
	}
	tests := []struct {
		path  string
		value string
		at    Position
	}{
		{"spec.selector.matchLabels.app", "web", pos(t, text, 7, "web")},
		{"spec.template.metadata.labels.app", "web", pos(t, text, 7, "web")},
		{"spec.template.metadata.labels.tier", "back", pos(t, text, 17, "back")},
		{"spec.template.metadata.annotations.app", "extra-app", pos(t, text, 3, "extra-app")},
		{"spec.template.metadata.annotations.tier", "front", pos(t, text, 8, "front")},
		{"spec.template.spec.initContainers[0].name", "app", pos(t, text, 22, "app,")},
	}
	for _, tt := range tests {
		_, v, ok := r.Doc.Lookup(tt.path)
		if !ok || v.Value != tt.value || (Position{Line: v.Line, Column: v.Column}) != tt.at {
			t.Errorf("Lookup(%s) = %q at %d:%d ok=%v; want %q at %+v", tt.path, v.Value, v.Line, v.Column, ok, tt.value, tt.at)
		}
	}
	if _, _, ok := r.Doc.Lookup("spec.template.metadata.labels.missing"); ok {
		t.Errorf("Lookup of a key in no merge source succeeded")
	}
}

func TestLoadProblemsSorted(t *testing.T) {
	g := loadFiles(t, DefaultOptions(),
		"b.yaml", "- x\n",
		"a.yaml", svc("a")+"---\n[\n---\n- y\n",
	)
	var got []string
	for _, p := range g.Problems {
		got = append(got, fmt.Sprintf("%s:%d %s", p.Location.File, p.Location.Start.Line, p.Kind))
	}
	want := []string{"a.yaml:6 syntax", "a.yaml:8 invalid-resource", "b.yaml:1 invalid-resource"}
	if !equalStrings(got, want) {
		t.Errorf("problems %v; want %v", got, want)
	}
}

// TestLoadLoneCRLineEnds: a file with old Mac line ends (CR alone) is cut
// into documents like any other, with the same positions, so that one
// syntax error does not hide the documents after it.
func TestLoadLoneCRLineEnds(t *testing.T) {
	lf := lines(svc("a"), "---", "a: [", "---", svc("b"))
	cr := strings.ReplaceAll(lf, "\n", "\r")
	for _, text := range []string{lf, cr} {
		g := loadYAML(t, text)
		syntax := problemsOf(g, ProblemSyntax)
		if len(g.Resources) != 2 || len(syntax) != 1 || syntax[0].Location.Start.Line != 7 {
			t.Errorf("%q: %d resources, syntax problems %+v; want 2 and one at line 7", text, len(g.Resources), syntax)
			continue
		}
		if got := g.Resources[1].Location("metadata.name").Start; got != (Position{Line: 12, Column: 9}) {
			t.Errorf("%q: second name at %+v; want 12:9", text, got)
		}
	}
}

// TestLoadNotObjects: YAML of other tools (Helm values, kustomization.yaml,
// docker-compose.yml, kubeconfig, cluster configs) is skipped and counted,
// while a document with only one of apiVersion and kind is a broken
// manifest.
func TestLoadNotObjects(t *testing.T) {
	g := loadFiles(t, DefaultOptions(),
		"values.yaml", "replicaCount: 1\nimage: {repository: nginx}\n",
		"kustomization.yaml", "resources: [deploy.yaml]\n",
		"half.yaml", "kind: Service\nmetadata: {name: a}\n",
		"svc.yaml", svc("ok"),
		"typed-kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources: [a.yaml]\n",
		"kubeconfig.yaml", "apiVersion: v1\nkind: Config\nclusters: []\n",
		"kind-cluster.yaml", "apiVersion: kind.x-k8s.io/v1alpha4\nkind: Cluster\nnodes: [{role: control-plane}]\n",
		"local.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: setters\n  annotations: {config.kubernetes.io/local-config: \"true\"}\n",
		"delete.patch.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: loadgenerator}\n$patch: delete\n",
	)
	var skipped []string
	for _, n := range g.NotObjects {
		skipped = append(skipped, fmt.Sprintf("%s:%d", n.File, n.Start.Line))
	}
	want := []string{"values.yaml:1", "kustomization.yaml:1", "typed-kustomization.yaml:1", "kubeconfig.yaml:1", "kind-cluster.yaml:1", "local.yaml:1", "delete.patch.yaml:1"}
	if !equalStrings(skipped, want) {
		t.Errorf("not objects %v; want %v", skipped, want)
	}
	if p := problemsOf(g, ProblemInvalidResource); len(p) != 1 || p[0].Location.File != "half.yaml" {
		t.Errorf("invalid-resource problems %+v; want one, for half.yaml", p)
	}
	if len(g.Resources) != 1 {
		t.Errorf("%d resources; want 1", len(g.Resources))
	}
}

// TestFileNamespace checks that documents without a namespace take the one
// their file is mapped to, and that the mapping decides which objects are
// copies of each other.
func TestFileNamespace(t *testing.T) {
	svc := lines("apiVersion: v1", "kind: Service", "metadata: {name: checkout}", "spec: {ports: [{port: 80}]}")
	opts := DefaultOptions()
	opts.FileNamespace = func(file string) string {
		return map[string]string{"alpha.yaml": "alpha", "beta.yaml": "beta"}[file]
	}
	g := loadFiles(t, opts,
		"alpha.yaml", svc+"---\n"+lines("apiVersion: v1", "kind: Namespace", "metadata: {name: alpha}"),
		"beta.yaml", svc+"---\n"+lines("apiVersion: v1", "kind: Service", "metadata: {name: cart, namespace: shop}"),
		"other.yaml", svc)
	noProblems(t, g)
	got := resourceNames(g.Applied())
	want := []string{"Service alpha/checkout", "Namespace alpha", "Service beta/checkout", "Service shop/cart", "Service default/checkout"}
	if strings.Join(got, ", ") != strings.Join(want, ", ") {
		t.Errorf("resources %v; want %v (no copies)", got, want)
	}
	if r := mustGet(t, g, KindService, "beta", "checkout"); !r.NamespaceDefaulted {
		t.Error("the mapped namespace is a default: NamespaceDefaulted should be set")
	}
}
