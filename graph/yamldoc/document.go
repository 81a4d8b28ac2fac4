package yamldoc

import (
	"bytes"
	"fmt"
	"sync"

	"github.com/meshlint/meshlint/graph/fieldpath"
	yaml "go.yaml.in/yaml/v3"
	kyaml "sigs.k8s.io/kustomize/kyaml/yaml"
)

// Document is one Kubernetes object as written: the file it came from, its
// place in the file's stream, and its node tree with absolute positions.
type Document struct {
	File string
	// Index is the 0-based position of the YAML document in the file.
	Index int
	// ItemPath is "items[3]" (or "items[0].items[2]" for nested Lists) when
	// the object is an item of a List, "" otherwise.
	ItemPath string
	// text is the file's content (nil when unknown), read to find where
	// block, multi-line and quoted scalars end.
	text *fileText
	// keys indexes the document's large mappings for Lookup (nil: none).
	keys *keyIndex
	// start is the position of the object's first key.
	start Position

	// The node tree is most of the memory of a large mesh, and only the
	// documents with findings need it again once converted to values: it
	// is released then and parsed again, from src, on first lookup.
	mu   sync.Mutex
	node *yaml.Node // nil while released
	src  *docSource // nil: the node is never released

	// aliases is true when the tree holds aliases: converting it may
	// expand them, which the alias budgets decide in Values.
	aliases bool
	// value is the object converted by LoadAll's workers (converted true).
	value     any
	converted bool
	// hasNull is true when the converted object holds a null value.
	hasNull bool
}

// docSource is what re-parsing a document takes: its chunk of the file,
// which of the chunk's YAML documents it is, and for List items the
// indexes down to it.
type docSource struct {
	text      []byte
	firstLine int
	seq       int
	items     []int
	// start and end are the chunk's byte range in the file; alone is true
	// when the chunk holds this one YAML document (see Document.Block).
	start, end int
	alone      bool
}

// Root returns the object's mapping node, parsing it again if it was
// released. It is safe for concurrent use.
func (d *Document) Root() *yaml.Node {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.node == nil && d.src != nil {
		d.node = d.src.parse()
	}
	return d.node
}

// release drops the node tree of a document that can be parsed again.
func (d *Document) release() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.src != nil {
		d.node = nil
	}
}

// parse decodes the chunk again and walks down to the object; the input
// parsed before, so the same bytes give the same tree.
func (s *docSource) parse() *yaml.Node {
	dec := yaml.NewDecoder(bytes.NewReader(s.text))
	var doc yaml.Node
	for range s.seq + 1 {
		doc = yaml.Node{}
		if err := dec.Decode(&doc); err != nil {
			return nil
		}
	}
	if len(doc.Content) == 0 {
		return nil
	}
	shiftLines(&doc, s.firstLine-1)
	n := doc.Content[0]
	for _, i := range s.items {
		items := listItems(n)
		if items == nil || i >= len(items.Content) {
			return nil
		}
		n = items.Content[i]
	}
	return n
}

// RNode wraps the document's node tree for kyaml-based tooling (autofix).
// It shares the tree: positions stay those of the file.
func (d *Document) RNode() *kyaml.RNode { return kyaml.NewRNode(d.Root()) }

// Lookup returns the key and value nodes at a field path such as
// `spec.http[0].route[1].destination.subset`. When the path does not fully
// exist, it returns the deepest node that does, and ok is false.
func (d *Document) Lookup(path string) (key, value *yaml.Node, ok bool) {
	root := d.Root()
	segs, err := fieldpath.Parse(path)
	if err != nil || root == nil {
		return nil, root, false
	}
	cur := root
	for _, s := range segs {
		var k, v *yaml.Node
		if s.IsIndex {
			if seq := resolveAlias(cur); seq != nil && seq.Kind == yaml.SequenceNode && s.Index < len(seq.Content) {
				v = seq.Content[s.Index]
			}
		} else {
			k, v = d.keys.entry(cur, s.Key)
		}
		if v == nil {
			return key, cur, false
		}
		key, cur = k, v
	}
	return key, cur, true
}

// Range returns the source range of the field at path: the value's range,
// or, for a path that does not exist, the range of the deepest parent that
// does (a missing field is reported where it should be).
func (d *Document) Range(path string) Range {
	key, value, ok := d.Lookup(path)
	if value == nil {
		return Range{Start: d.start, End: d.start} // no tree: cannot happen
	}
	if !ok && key != nil {
		return nodeRangeIn(key, d.text)
	}
	if ok && value.Kind != yaml.ScalarNode && value.Kind != yaml.AliasNode && key != nil {
		// A whole mapping or list: start at its key, which is where the eye goes.
		r := nodeRangeIn(value, d.text)
		r.Start = Position{key.Line, key.Column}
		return r
	}
	return nodeRangeIn(value, d.text)
}

// KeyRange returns the range of the key at path, or the value range when
// the path ends at a list item or does not exist.
func (d *Document) KeyRange(path string) Range {
	key, value, ok := d.Lookup(path)
	if ok && key != nil {
		return nodeRangeIn(key, d.text)
	}
	if value == nil {
		return Range{Start: d.start, End: d.start}
	}
	return nodeRangeIn(value, d.text)
}

// Location is Range with the file name.
func (d *Document) Location(path string) Location {
	return Location{File: d.File, Range: d.Range(path)}
}

// Start is where the object begins: its first key.
func (d *Document) Start() Location {
	return Location{File: d.File, Range: Range{Start: d.start, End: d.start}}
}

// HasNull reports whether the converted object holds a null value:
// schema validation then has nulls to prune first.
func (d *Document) HasNull() bool { return d.hasNull }

// String names the document for messages: file, stream index, list item.
func (d *Document) String() string {
	if d.ItemPath != "" {
		return fmt.Sprintf("%s#%d.%s", d.File, d.Index, d.ItemPath)
	}
	return fmt.Sprintf("%s#%d", d.File, d.Index)
}

// indexedMapping is the size (in keys) from which Lookup indexes a mapping.
const indexedMapping = 64

// keyIndex maps the keys of large mappings to their position, built on
// first use. Without it, a finding for each key of a mapping of 100,000
// keys (a spec of unknown fields) scanned the mapping once per finding:
// half a minute (TestLookupLargeMappingLinear). Analyzers look up
// concurrently, hence the lock.
type keyIndex struct {
	mu   sync.Mutex
	maps map[*yaml.Node]mappingKeys
}

type mappingKeys struct {
	at     map[string]int // key → index in Content of its last occurrence
	merges bool           // the mapping has merge keys (`<<`)
}

// entry is mappingEntry, through the index for large mappings.
func (x *keyIndex) entry(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	m := resolveAlias(n)
	if x == nil || m == nil || m.Kind != yaml.MappingNode || len(m.Content) < 2*indexedMapping {
		return mappingEntry(n, key)
	}
	keys := x.of(m)
	if i, ok := keys.at[key]; ok {
		return m.Content[i], m.Content[i+1]
	}
	if keys.merges {
		return mappingEntry(m, key) // not written here: maybe merged
	}
	return nil, nil
}

func (x *keyIndex) of(m *yaml.Node) mappingKeys {
	x.mu.Lock()
	defer x.mu.Unlock()
	if keys, ok := x.maps[m]; ok {
		return keys
	}
	keys := mappingKeys{at: make(map[string]int, len(m.Content)/2)}
	for i := 0; i+1 < len(m.Content); i += 2 {
		switch k := m.Content[i]; {
		case isMergeKey(k):
			keys.merges = true
		case k.Kind == yaml.ScalarNode:
			keys.at[k.Value] = i // the last occurrence wins, as in mappingEntry
		}
	}
	if x.maps == nil {
		x.maps = map[*yaml.Node]mappingKeys{}
	}
	x.maps[m] = keys
	return keys
}
