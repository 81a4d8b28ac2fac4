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
)

// fastCases are inputs at the edges of what the fast path reads: each
// must either go to yaml.v3 or come out as yaml.v3 reads it.
var fastCases = []string{
	"a: 1\n",
	"apiVersion: v1\nkind: Service\nmetadata:\n  name: x\n  labels: {app: x, 'v': \"1\"}\nspec:\n  ports:\n  - port: 80\n    name: http\n",
	"a:\n- 1\n- -2\n- 0x1F\n- 1_000\n- .5\n- 1e3\n- +1\n- 0o17\n- 010\n- 2001-12-14\n- .inf\n- -.inf\n- .nan\n",
	"a: [yes, no, on, off, y, n, true, True, TRUE, tRue, null, Null, ~, '', \"\"]\n",
	"a:\nb: ~\nc: null\nd:\n# c\ne: # c\n  f: 1\n",
	"a: 'it''s'\nb: \"q\\\"\\\\\\n\\t\\x41\\u00e9\\U0001F600\\N\\_\\L\\P\\e\\0 \"\nc: \"\\/\"\n",
	"a: \"\\ud800\"\n",
	"a: 'x' # c\nb: \"y\"#c\n",
	"a: b: c\n",
	"a: b:\n",
	"a: b #c\nd: e#f\ng: h # i: j\n",
	"a: http://x:80/y\nb: a:b\nc: -v\nd: -\ne: - x\n",
	"key with spaces: 1\n\"quoted key\": 2\n'single': 3\n? complex\n: 4\n",
	"a: 1\na: 2\n",
	"a: 1\n'a': 2\n",
	"<<: {b: 1}\n",
	"a: &x 1\nb: *x\n",
	"a: !!str 1\n",
	"a: |\n  line 1\n  line 2\n\n  line 4\nb: 1\n",
	"a: |-\n  x\n  y\n\n\nb: 1\n",
	"a: |+\n  x\n\nb: 1\n",
	"a: |2\n  x\n",
	"a: >\n  folded\n  text\nb: >-\n  x\n  y\n",
	"a: >\n  x\n\n  y\n",
	"a: >\n  x\n    more\n  y\n",
	"a: |\n\n  x\n",
	"a: |\n    \n  x\n",
	"a: |\n  x\n   \nb: 1\n",
	"a: |\nb: 1\n",
	"a: |\n  x",
	"a: |\n  x\n  ",
	"a: >-\n  x\n  y",
	"a: |\n  x\n# c\n  y\n",
	"- |\n x\n",
	"a:\n- |\n x\n",
	"a:\n  - |\n   x\n",
	"a: [1, [2, {b: c}], {}, [], \"s\", 'q']\n",
	"a: [1, ]\n",
	"a: [,]\n",
	"a: [a b, c]\n",
	"a: [k: v]\n",
	"a: {\"k\":1, 'j' : 2}\n",
	"a: {k:1}\n",
	"a: {k: }\n",
	"a: {k: 1, k: 2}\n",
	"a: [1,\n  2]\n",
	"a: [1] x\n",
	"a: [-1, -x, -, - ]\n",
	"a: [http://x]\n",
	"a: [x #y]\n",
	"0: [0?]\n",
	"\"" + strings.Repeat("\\x41", 250) + "\": long escaped key\n",
	strings.Repeat("k", 1100) + ": long key\n",
	"a: {" + strings.Repeat("k", 1100) + ": long key}\n",
	"a: [x?y, {k?: v}]\nb: x?y\n",
	"a:\n  b:\n    c: 1\n  d: 2\ne: 3\n",
	"a:\n    b: 1\n  c: 2\n",
	"a: x\n  y\n",
	"a: x\n# c\n  y\n",
	"- a\n- b\n",
	"a:\n- b: 1\n  c:\n  - 2\n  d: 3\n- e: 4\n",
	"a:\n-   b: 1\n    c: 2\n",
	"a:\n- - 1\n",
	"a:\n-\n  b: 1\n-\n- c\n",
	"a:\n- x\n  y\n",
	"a:\n- x\n - y\n",
	"a:\n  value\n",
	"  a: 1\n  b: 2\n",
	"  a: 1\nb: 2\n",
	"a: 1\n- b\n",
	"---\na: 1\n",
	"--- # c\na: 1\n",
	"--- a: 1\n",
	"---\n---\na: 1\n---\n",
	"a: 1\n---\nb: [\n",
	"a: 1\n---\n- x\n",
	"a: \"x\ny\"\n",
	"a: 'x\n  y'\n",
	"a: é ü 日本\nb: \"\\u00e9\"\n",
	"a: \u0085\n",
	"a: x\u2028y\n",
	"a:\tb\n",
	"a: b\r\n",
	"kind: List\nitems:\n- {kind: A}\n",
	"kind: NotAList\nitems: 3\n",
	"a: %x\n",
	"a: @x\n",
	"a: `x`\n",
	"a: ?x\n",
	"a: :x\n",
	"a: ,x\n",
	"a: x,y\n",
	"a: ]\n",
	"a: 'x' 'y'\n",
	"a: \"unterminated\n",
	"-x: 1\n",
	"1: a\ntrue: b\nnull: c\n",
	"a: 12345678901234567890\nb: 1.5e400\nc: 0b101\nd: -0b1\ne: +.5\nf: 1.\n",
	"a:\n  - 1\n  -\n  - 3\n",
	"a: 1\n\n\n",
	"a: 1\n...\n",
	"a: 1\n... # c\n# d\n---\nb: 2\n...\n",
	"a: 1\n...\nb: 2\n",
	"a: 1\n...x\n",
	"a: |\n  x\n...\n",
	"a: 1\n...\n---\n...\n",
	"a: 1 \nb: 2   # c\n",
	"a:   \nb: 2\n",
	"a: {a : b, c: [1 , 2 ] , d: {e: f} }\n",
	"a:\n- {k: 1}\n- [1, 2]\n- \"q\" # c\n",
	"a: [\"x\", 'y', z]   # c\n",
	"a: 'x''y'''\nb: ''''\nc: \"\\\\\"\n",
	"k: v # c\n# c2\n  # c3\nk2: v2\n",
	"a:\n  b:\n    c:\n      d:\n        e:\n        - f: [g]\n          h: {i: j}\n",
	"a: 0.1\nb: -0.0\nc: 1e-3\nd: 0x\ne: 1__0\nf: 0o9\ng: +\nh: .\ni: -.\n",
	"a: True\nb: FALSE\nc: Yes\nd: NO\ne: ~x\nf: <<x\ng: <\n",
	"a: !x\n",
	"a: x # c: d\n",
	"a: x #\n",
	"a: \"x\" \n",
	"a: - \n",
	"a: [a, b\n",
	"a: {a: 1, b}\n",
	"a: {\"k\":[1,{\"j\":\"v\"}]}\n",
	"a: >-\n  x\n  y\n\nb: 1\n",
	"a: |-\n  x\n\n",
	"- a\n",
	"a:\n  - b\n  -  c\n  -   d: 1\n      e: 2\n",
	// plain scalars resolved without yaml.v3, and their neighbours
	"a: 80\nb: 0\nc: 007\nd: 123456789012345678\ne: 1234567890123456789\nf: 9223372036854775808\ng: 1_000\nh: 12abc\n",
	"a: True\nb: FALSE\nc: NULL\nd: Null\ne: nginx\nf: on\ng: yes\nh: ~\ni: tRue\nj: no\nk: Off\n",
	"a: [80, true, null, nothing, 2001-12-14, 1e3]\n",
}

func TestFastPathAsYAMLv3(t *testing.T) {
	fast := 0
	for i, text := range fastCases {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			if compareFast(t, "case.yaml", []byte(text), Limits{}) {
				fast++
			}
		})
	}
	if fast < len(fastCases)/3 {
		t.Fatalf("only %d of %d cases read on the fast path", fast, len(fastCases))
	}
	t.Run("tight limits", func(t *testing.T) {
		for _, text := range fastCases {
			compareFast(t, "case.yaml", []byte(text), Limits{MaxNodes: 6, MaxDepth: 2, MaxDocuments: 2})
		}
	})
}

// TestFastPathAsYAMLv3OnFixtures compares the fast path with yaml.v3 on
// every YAML file of the repository's test data, and on istioctl's
// conformance data when it is beside the repository.
func TestFastPathAsYAMLv3OnFixtures(t *testing.T) {
	total, fast := 0, 0
	for _, root := range []string{filepath.Join("..", ".."), filepath.Join("..", "..", "..", "shared", "conformance")} {
		err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if os.IsNotExist(err) && path == root {
				return filepath.SkipDir
			}
			if err != nil || d.IsDir() || !source.IsManifestFile(path) {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			total++
			if compareFast(t, path, data, Limits{}) {
				fast++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d of %d files read on the fast path", fast, total)
	if total < 100 || fast < total/2 {
		t.Fatalf("%d of %d files read on the fast path; expected at least half", fast, total)
	}
}

func FuzzFastPathAsYAMLv3(f *testing.F) {
	for _, text := range append(fastCases, streamCases...) {
		f.Add([]byte(text))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		compareFast(t, "fuzz.yaml", data, Limits{})
	})
}

// compareFast fails when the fast path reads text otherwise than
// yaml.v3 does, in anything a caller can see; it reports whether the
// fast path read the file.
func compareFast(t *testing.T, path string, text []byte, l Limits) bool {
	t.Helper()
	src := source.Source{Path: path, Content: text}
	// The fast path shares strings and collections, as LoadAll has it do.
	got, want := loadFile(src, l, pathFast, newInterner()), loadFile(src, l, pathStream, nil)
	if got.Streams != want.Streams || got.claimsObject != want.claimsObject || !reflect.DeepEqual(got.Problems, want.Problems) ||
		len(got.Documents) != len(want.Documents) {
		t.Fatalf("%s: fast load differs:\n got %d streams, claims %v, %d documents, %+v\nwant %d streams, claims %v, %d documents, %+v",
			path, got.Streams, got.claimsObject, len(got.Documents), got.Problems, want.Streams, want.claimsObject, len(want.Documents), want.Problems)
	}
	read := false
	for i, g := range got.Documents {
		w := want.Documents[i]
		if !g.converted {
			continue // not read on the fast path: the same load
		}
		read = true
		compareFastDocument(t, fmt.Sprintf("%s: document %d", path, i), g, w, l)
	}
	return read
}

// compareFastDocument compares a document the fast path read with the
// one yaml.v3 read: position, source, tree parsed again, value and nulls,
// and the fast path's count of nodes.
func compareFastDocument(t *testing.T, what string, g, w *Document, l Limits) {
	t.Helper()
	if g.Index != w.Index || g.ItemPath != w.ItemPath || g.start != w.start || g.aliases != w.aliases || !reflect.DeepEqual(*g.src, *w.src) {
		t.Fatalf("%s differs:\n got %+v %+v\nwant %+v %+v", what, g, *g.src, w, *w.src)
	}
	if diff := nodeDiff(g.Root(), w.Root(), false); diff != "" {
		t.Fatalf("%s: tree parsed again differs: %s", what, diff)
	}
	value, hasNull, err := convertDocument(w.Root(), l.WithDefaults().MaxAliasExpanded, l.WithDefaults().MaxDepth)
	if err != nil || !reflect.DeepEqual(g.value, value) || g.hasNull != hasNull {
		t.Fatalf("%s: value differs (%v):\n got %#v (null %v)\nwant %#v (null %v)", what, err, g.value, g.hasNull, value, hasNull)
	}
	fd, _ := parseFast(g.src.text, g.src.firstLine, l.WithDefaults(), nil)
	walk := treeWalk{maxDepth: l.WithDefaults().MaxDepth}
	if walk.walk(w.Root(), 0); fd.nodes != walk.nodes {
		t.Fatalf("%s: the fast path counts %d nodes, yaml.v3 %d", what, fd.nodes, walk.nodes)
	}
}
