package yamldoc

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
	yaml "go.yaml.in/yaml/v3"
)

// streamCases are inputs on which one decoder per file and one per chunk
// could part: empty and blank documents, `...`, directives, anchors across
// documents, syntax errors, Lists, comments at document ends.
var streamCases = []string{
	"",
	"# only a comment\n",
	"---\n",
	"a: 1\n---\n",
	"a: 1\n---\n# c\n---\nb: 2\n",
	"# head\n---\na: 1 # c\n# foot\n---\n# head 2\nb: [1,\n  2]\n",
	"--- !!null\n---\na: 1\n",
	"--- foo\n--- [1]\n",
	"a: 1\n...\n---\nb: 2\n",
	"a: 1\n...\nb: 2\n",
	"%YAML 1.2\n---\na: 1\n",
	"a: &x 1\n---\nb: *x\n",
	"--- &x\n---\nb: *x\n",
	"a: &x {k: v}\nb: *x\nc:\n  <<: *x\n",
	"a: 1\n---\nb: [\n---\nc: 3\n",
	"a: 1\na: 2\n---\nkind: List\nitems:\n- {kind: A}\n- {kind: B, x: 1, x: 2}\n",
	"a: |\n  text\n---\nb: 'q\n  r'\n",
	"\ufeffa: 1\r\n---\r\nb: 2\r\n",
	"a: 1\n--- \t\nb: 2",
	"a:\n  b:\n    - [[[[1]]]]\n",
	"{{ .Values.x }}\n---\na: 1\n",
}

func TestStreamLoadsAsChunks(t *testing.T) {
	for i, text := range streamCases {
		t.Run(fmt.Sprint(i), func(t *testing.T) { compareLoads(t, "case.yaml", []byte(text), Limits{}) })
	}
	t.Run("tight limits", func(t *testing.T) {
		for _, text := range streamCases {
			compareLoads(t, "case.yaml", []byte(text), Limits{MaxNodes: 4, MaxDepth: 3, MaxDocuments: 2})
		}
	})
}

// TestStreamLoadsAsChunksOnFixtures compares both paths on every YAML
// file of the repository's test data.
func TestStreamLoadsAsChunksOnFixtures(t *testing.T) {
	root := filepath.Join("..", "..")
	n := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(path, "testdata") || !source.IsManifestFile(path) {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		n++
		compareLoads(t, path, data, Limits{})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Fatalf("only %d fixtures found", n)
	}
}

func FuzzStreamLoadsAsChunks(f *testing.F) {
	for _, text := range streamCases {
		f.Add([]byte(text))
	}
	f.Add([]byte("[:,:,:,:,[:,{:,:}]]\n- - - -\n? : \n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		compareLoads(t, "fuzz.yaml", data, Limits{})
		if n := prescan(data, 1, 1000).nodes; n > 1+nodesPerByte*len(data) {
			t.Fatalf("%q: the pre-scan counts %d nodes, more than %d a byte", data, n, nodesPerByte)
		}
	})
}

// compareLoads fails when loading text with one decoder differs from
// loading it chunk by chunk in anything a caller can see.
func compareLoads(t *testing.T, path string, text []byte, l Limits) {
	t.Helper()
	src := source.Source{Path: path, Content: text}
	got, want := loadFile(src, l, pathStream, nil), loadFile(src, l, pathChunks, nil)
	if got.Streams != want.Streams || got.claimsObject != want.claimsObject || !reflect.DeepEqual(got.Problems, want.Problems) {
		t.Fatalf("%s: stream load differs:\n got %d streams, claims %v, %+v\nwant %d streams, claims %v, %+v",
			path, got.Streams, got.claimsObject, got.Problems, want.Streams, want.claimsObject, want.Problems)
	}
	if len(got.Documents) != len(want.Documents) {
		t.Fatalf("%s: %d documents, want %d", path, len(got.Documents), len(want.Documents))
	}
	for i, g := range got.Documents {
		w := want.Documents[i]
		if g.Index != w.Index || g.ItemPath != w.ItemPath || g.start != w.start || g.aliases != w.aliases ||
			!reflect.DeepEqual(*g.src, *w.src) {
			t.Fatalf("%s: document %d differs:\n got %+v %+v\nwant %+v %+v", path, i, g, *g.src, w, *w.src)
		}
		if diff := nodeDiff(g.Root(), w.Root(), false); diff != "" {
			t.Fatalf("%s: document %d: tree differs: %s", path, i, diff)
		}
		if diff := nodeDiff(g.src.parse(), w.Root(), true); diff != "" {
			t.Fatalf("%s: document %d: tree parsed again differs: %s", path, i, diff)
		}
	}
}

// nodeDiff describes the first difference between two trees, "" if none;
// comments count when comments is true. A comment just before a `---`
// is the last node's foot comment only where a chunk ends: nothing reads
// the comments of nodes (comments.go reads the text), and a tree parsed
// again, from its chunk, has them as the chunked path does.
func nodeDiff(a, b *yaml.Node, comments bool) string {
	if a == nil || b == nil {
		if a != b {
			return fmt.Sprintf("%v against %v", a, b)
		}
		return ""
	}
	if a.Kind != b.Kind || a.Style != b.Style || a.Tag != b.Tag || a.Value != b.Value || a.Anchor != b.Anchor ||
		a.Line != b.Line || a.Column != b.Column || len(a.Content) != len(b.Content) ||
		comments && (a.HeadComment != b.HeadComment || a.LineComment != b.LineComment || a.FootComment != b.FootComment) {
		return fmt.Sprintf("%+v against %+v", *a, *b)
	}
	for i := range a.Content {
		if d := nodeDiff(a.Content[i], b.Content[i], comments); d != "" {
			return d
		}
	}
	return nodeDiff2(a.Alias, b.Alias)
}

// nodeDiff2 compares the targets of aliases by position only: they are
// compared where they are defined.
func nodeDiff2(a, b *yaml.Node) string {
	if (a == nil) != (b == nil) || a != nil && (a.Line != b.Line || a.Column != b.Column) {
		return fmt.Sprintf("alias to %v against %v", a, b)
	}
	return ""
}

// TestSmallDuplicatesAsLarge checks that the pairwise comparison of small
// mappings reports what the maps report: the same keys, first
// definitions and fixes, in the same order.
func TestSmallDuplicatesAsLarge(t *testing.T) {
	found := 0
	for _, text := range []string{
		"a: 1\nb: 2\na: 3\na: 4\nb: 5\nc: 6\n",
		"a: 1\n<<: {a: 2}\n<<: {b: 1}\na: 3\n? [x]\n: 1\n? [x]\n: 2\n",
		"'a': 1\n\"a\": 2\na: 3\n",
		"x: {k: 1, k: 2, j: 3, k: 4}\n",
	} {
		f := newFileText([]byte(text))
		n := parseNode(t, text)
		if n.Kind == yaml.DocumentNode {
			n = n.Content[0]
		}
		var walk func(n *yaml.Node)
		walk = func(n *yaml.Node) {
			if n.Kind == yaml.MappingNode {
				small, large := smallDuplicates(nil, "f", n, f), largeDuplicates(nil, "f", n, f)
				found += len(large)
				if !reflect.DeepEqual(small, large) {
					t.Errorf("%q: pairwise %+v, maps %+v", text, small, large)
				}
			}
			for _, c := range n.Content {
				walk(c)
			}
		}
		walk(n)
	}
	if found == 0 {
		t.Fatal("no duplicate found: the cases test nothing")
	}
}
