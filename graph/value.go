package graph

import (
	"errors"
	"math"
	"strconv"
	"strings"

	yaml "go.yaml.in/yaml/v3"
)

// errExpansionLimit stops converting a document whose aliases expand past
// the limit (the "billion laughs" attack).
var errExpansionLimit = errors.New("alias expansion exceeds the limit")

// nodeToValue converts a node tree to plain Go values (map[string]any,
// []any, string, int64, float64, bool, nil), resolving aliases and merge
// keys, visiting at most budget nodes in all.
func nodeToValue(n *yaml.Node, budget int) (any, error) {
	c := converter{budget: budget}
	return c.value(n, 0)
}

type converter struct {
	budget int
}

func (c *converter) value(n *yaml.Node, depth int) (any, error) {
	c.budget--
	if c.budget < 0 || depth > 10_000 {
		return nil, errExpansionLimit
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, nil
		}
		return c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, e := range n.Content {
			v, err := c.value(e, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		return c.mapping(n, depth)
	}
	return scalarValue(n), nil
}

func (c *converter) mapping(n *yaml.Node, depth int) (map[string]any, error) {
	out := make(map[string]any, len(n.Content)/2)
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if isMergeKey(k) {
			merges = append(merges, mergeSources(v)...)
			continue
		}
		key := k.Value
		if k.Kind != yaml.ScalarNode {
			key = "" // complex keys have no meaning in Kubernetes objects
		}
		// A repeated key overwrites: the last value wins, as when kubectl
		// decodes the document as JSON. Duplicates are reported separately.
		val, err := c.value(v, depth+1)
		if err != nil {
			return nil, err
		}
		out[key] = val
	}
	for _, m := range merges {
		if m == nil {
			continue
		}
		mv, err := c.value(m, depth+1)
		if err != nil {
			return nil, err
		}
		if mm, ok := mv.(map[string]any); ok {
			for k, v := range mm {
				if _, set := out[k]; !set {
					out[k] = v
				}
			}
		}
	}
	return out, nil
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
