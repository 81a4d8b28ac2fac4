package yamldoc

import (
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// nodeToValue converts a node tree to plain Go values (map[string]any,
// []any, string, int64, float64, bool, nil), resolving aliases and merge
// keys. Aliases may add at most maxExpanded nodes to the tree as written,
// and collections may nest at most maxDepth deep once aliases are expanded.
func nodeToValue(n *yaml.Node, maxExpanded, maxDepth int) (any, error) {
	v, _, err := convertDocument(n, maxExpanded, maxDepth)
	return v, err
}

// convertDocument is nodeToValue, also saying whether the value holds a
// null anywhere: schema validation then has nulls to prune first.
func convertDocument(n *yaml.Node, maxExpanded, maxDepth int) (v any, hasNull bool, err error) {
	return convertShared(n, maxExpanded, maxDepth, nil)
}

// convertShared is convertDocument sharing strings through in (nil: none).
func convertShared(n *yaml.Node, maxExpanded, maxDepth int, in *interner) (v any, hasNull bool, err error) {
	c := converter{budget: maxExpanded, maxDepth: maxDepth, strings: in}
	v, err = c.value(n, 0)
	return v, c.hasNull, err
}

type converter struct {
	budget   int // nodes aliases may still add
	maxDepth int
	aliased  int       // > 0 while converting what an alias refers to
	hasNull  bool      // a null value was converted
	strings  *interner // nil: every string is the parser's own
}

// interner shares the keys and string values of converted documents. The
// values outlive the node trees, and most of their strings repeat
// (apiVersion, name, app, v1, http...), each the parser's own allocation,
// and each string value boxed in an interface of its own: a tenth of the
// memory a loaded mesh keeps. One interner serves one goroutine.
type interner struct {
	keys   map[string]string
	values map[string]any
	// collections are the fast path's shared collections (fastshare.go).
	collections *sharedCollections
}

// Strings longer than maxInterned are left alone, and a table that
// reaches maxInternedValues entries starts again empty: a file of unique
// strings costs little more, and the strings met last stay shared.
const (
	maxInterned       = 64
	maxInternedValues = 1 << 14
)

func newInterner() *interner {
	return &interner{keys: map[string]string{}, values: map[string]any{}, collections: newSharedCollections()}
}

func (in *interner) key(s string) string {
	if in == nil || len(s) > maxInterned {
		return s
	}
	if k, ok := in.keys[s]; ok {
		return k
	}
	if len(in.keys) >= maxInternedValues {
		clear(in.keys)
	}
	in.keys[s] = s
	return s
}

// keyBytes is key for the text in b, which it copies only when the
// string is new.
func (in *interner) keyBytes(b []byte) string {
	if in != nil && len(b) <= maxInterned {
		if k, ok := in.keys[string(b)]; ok {
			return k
		}
	}
	return in.key(string(b))
}

// strBytes is str for the text in b, copied only when new.
func (in *interner) strBytes(b []byte) any {
	if in != nil && len(b) <= maxInterned {
		if v, ok := in.values[string(b)]; ok {
			return v
		}
	}
	return in.str(string(b))
}

// str is s boxed, once per distinct s.
func (in *interner) str(s string) any {
	if in == nil || len(s) > maxInterned {
		return s
	}
	if v, ok := in.values[s]; ok {
		return v
	}
	var v any = s
	if len(in.values) >= maxInternedValues {
		clear(in.values)
	}
	in.values[s] = v
	return v
}

// value converts n, which depth collections enclose.
func (c *converter) value(n *yaml.Node, depth int) (any, error) {
	if c.aliased > 0 {
		if c.budget--; c.budget < 0 {
			return nil, errExpansionLimit
		}
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		c.aliased++
		defer func() { c.aliased-- }()
		return c.value(n.Alias, depth)
	case yaml.SequenceNode, yaml.MappingNode:
		// Written nesting was checked when loading: only aliases (an anchor
		// inside itself, or chains of them) can go deeper here.
		if depth >= c.maxDepth {
			return nil, errDepthLimit
		}
		if n.Kind == yaml.MappingNode {
			return c.mapping(n, depth+1)
		}
		return c.sequence(n, depth+1)
	}
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" {
		return c.strings.str(n.Value), nil
	}
	v := scalarValue(n)
	c.hasNull = c.hasNull || v == nil
	return v, nil
}

func (c *converter) sequence(n *yaml.Node, depth int) ([]any, error) {
	out := make([]any, 0, len(n.Content))
	for _, e := range n.Content {
		v, err := c.value(e, depth)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, nil
}

func (c *converter) mapping(n *yaml.Node, depth int) (map[string]any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMergeKey(k) {
			merges = append(merges, v)
			continue
		}
		key := c.strings.key(k.Value)
		if k.Kind != yaml.ScalarNode {
			key = "" // complex keys have no meaning in Kubernetes objects
		}
		// A repeated key overwrites: the last value wins, as when kubectl
		// decodes the document as JSON. Duplicates are reported separately.
		val, err := c.value(v, depth)
		if err != nil {
			return nil, err
		}
		out[key] = val
	}
	// Merged values are converted through their aliases, so that they
	// count against the expansion budget (a "billion laughs" of merge keys).
	for _, m := range merges {
		mv, err := c.value(m, depth)
		if err != nil {
			return nil, err
		}
		for _, src := range mergedMaps(mv) {
			for k, v := range src {
				if _, set := out[k]; !set {
					out[k] = v
				}
			}
		}
	}
	return out, nil
}

// mergedMaps lists the mappings a converted merge value brings in: one
// mapping, or a sequence of them (earlier entries win); others are ignored.
func mergedMaps(v any) []map[string]any {
	switch v := v.(type) {
	case map[string]any:
		return []map[string]any{v}
	case []any:
		var out []map[string]any
		for _, e := range v {
			if m, ok := e.(map[string]any); ok {
				out = append(out, m)
			}
		}
		return out
	}
	return nil
}

// scalarValue resolves a scalar by its (possibly implicit) YAML 1.2 tag.
func scalarValue(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		return strings.EqualFold(n.Value, "true")
	case "!!int":
		if i, err := strconv.ParseInt(n.Value, 0, 64); err == nil {
			return i
		}
		if f, err := strconv.ParseFloat(n.Value, 64); err == nil {
			return f
		}
	case "!!float":
		if f, err := strconv.ParseFloat(strings.TrimPrefix(n.Value, "+"), 64); err == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	return n.Value
}

// aliasExpansion counts the nodes that converting n adds through aliases:
// what nodeToValue charges its budget, without building any value. Each
// anchored node's expanded size is computed once, so the count costs one
// walk of the tree as written even when the expansion is exponential, and
// it stops at limit+1. ok is false when the count finds that converting n
// fails anyway: its aliases nest deeper than maxDepth, or an anchor
// contains an alias of itself.
func aliasExpansion(n *yaml.Node, limit, maxDepth int) (extra int, ok bool) {
	e := expansionCounter{limit: limit, maxDepth: maxDepth}
	return e.extra(n, 0)
}

type expansionCounter struct {
	limit, maxDepth int
	// size memoizes the expanded size of the nodes aliases refer to; -1
	// while a node's size is being computed, which meets it again only
	// through an alias to itself.
	size map[*yaml.Node]int
}

// extra counts the nodes aliases under n add; depth is as in converter.value.
func (e *expansionCounter) extra(n *yaml.Node, depth int) (int, bool) {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return 0, true
		}
		return e.extra(n.Content[0], depth)
	case yaml.AliasNode:
		if n.Alias == nil {
			return 0, true
		}
		return e.full(n.Alias, depth)
	case yaml.SequenceNode, yaml.MappingNode:
		if depth >= e.maxDepth {
			return 0, false
		}
		return e.sum(n, depth+1, e.extra, 0)
	}
	return 0, true
}

// full counts every node of n's expansion, n included: what converting n
// costs inside an alias.
func (e *expansionCounter) full(n *yaml.Node, depth int) (int, bool) {
	switch n.Kind {
	case yaml.AliasNode:
		if n.Alias == nil {
			return 1, true
		}
		size, ok := e.full(n.Alias, depth)
		return min(size+1, e.limit+1), ok
	case yaml.SequenceNode, yaml.MappingNode:
		if depth >= e.maxDepth {
			return 0, false
		}
		if size, seen := e.size[n]; seen {
			return size, size >= 0
		}
		if e.size == nil {
			e.size = map[*yaml.Node]int{}
		}
		e.size[n] = -1
		size, ok := e.sum(n, depth+1, e.full, 1)
		if !ok {
			return 0, false
		}
		e.size[n] = size
		return size, true
	}
	return 1, true
}

// sum adds count over what the converter converts of a collection: the
// elements of a sequence, the values of a mapping (merged ones included).
func (e *expansionCounter) sum(n *yaml.Node, depth int, count func(*yaml.Node, int) (int, bool), total int) (int, bool) {
	for i, c := range n.Content {
		if n.Kind == yaml.MappingNode && i%2 == 0 {
			continue // a key: the converter reads its text only
		}
		k, ok := count(c, depth)
		if !ok {
			return 0, false
		}
		total = min(total+k, e.limit+1)
	}
	return total, true
}
