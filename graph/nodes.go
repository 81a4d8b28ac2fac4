package graph

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// mappingValue returns the value for key in a mapping node, following
// aliases and merge keys (`<<`); nil when absent.
func mappingValue(n *yaml.Node, key string) *yaml.Node {
	_, v := mappingEntry(n, key)
	return v
}

// mappingEntry returns the key and value nodes for key. Explicit keys win
// over merged ones, as YAML specifies.
func mappingEntry(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	n = resolveAlias(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil, nil
	}
	// The last occurrence of a repeated key wins, as in the decoded value.
	for i := len(n.Content) - 2; i >= 0; i -= 2 {
		if k := n.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key && !isMergeKey(k) {
			return k, n.Content[i+1]
		}
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if !isMergeKey(n.Content[i]) {
			continue
		}
		for _, m := range mergeSources(n.Content[i+1]) {
			if k, v := mappingEntry(m, key); v != nil {
				return k, v
			}
		}
	}
	return nil, nil
}

func isMergeKey(k *yaml.Node) bool {
	return k.Kind == yaml.ScalarNode && k.Value == "<<" && (k.Tag == "!!merge" || k.Tag == "" || k.ShortTag() == "!!merge")
}

// mergeSources lists the mappings a merge value brings in: one alias or
// mapping, or a sequence of them (earlier entries win).
func mergeSources(v *yaml.Node) []*yaml.Node {
	v = resolveAlias(v)
	if v == nil {
		return nil
	}
	if v.Kind == yaml.SequenceNode {
		var out []*yaml.Node
		for _, c := range v.Content {
			out = append(out, resolveAlias(c))
		}
		return out
	}
	return []*yaml.Node{v}
}

// resolveAlias follows alias chains to the anchored node.
func resolveAlias(n *yaml.Node) *yaml.Node {
	for depth := 0; n != nil && n.Kind == yaml.AliasNode; depth++ {
		if depth > 100 {
			return nil
		}
		n = n.Alias
	}
	return n
}

// duplicateKeys reports every repeated key of every mapping under n, at the
// repeated key and with the first occurrence as related location.
func duplicateKeys(file string, n *yaml.Node) []Problem {
	var problems []Problem
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		if n.Kind == yaml.MappingNode {
			first := map[string]*yaml.Node{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k := n.Content[i]
				if k.Kind != yaml.ScalarNode || isMergeKey(k) {
					continue
				}
				if prev, dup := first[k.Value]; dup {
					problems = append(problems, Problem{
						Kind:     ProblemDuplicateKey,
						Location: Location{File: file, Range: NodeRange(k)},
						Message:  fmt.Sprintf("mapping key %q already defined at line %d", k.Value, prev.Line),
						Related: []RelatedLocation{{
							Location: Location{File: file, Range: NodeRange(prev)},
							Message:  fmt.Sprintf("first definition of %q", k.Value),
						}},
					})
					continue
				}
				first[k.Value] = k
			}
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return problems
}

// NodeRange is the source range a node covers. yaml.v3 records only start
// positions, so the end is derived: from the scalar's text for scalars, from
// the last descendant for collections.
func NodeRange(n *yaml.Node) Range {
	start := Position{n.Line, n.Column}
	return Range{Start: start, End: nodeEnd(n)}
}

func nodeEnd(n *yaml.Node) Position {
	switch n.Kind {
	case yaml.ScalarNode:
		return scalarEnd(n)
	case yaml.AliasNode:
		return Position{n.Line, n.Column + 1 + utf8.RuneCountInString(n.Value)}
	case yaml.MappingNode, yaml.SequenceNode:
		if len(n.Content) == 0 {
			return Position{n.Line, n.Column + 2} // {} or []
		}
		end := nodeEnd(n.Content[len(n.Content)-1])
		if n.Style&yaml.FlowStyle != 0 {
			end.Column++ // closing bracket
		}
		return end
	}
	return Position{n.Line, n.Column}
}

func scalarEnd(n *yaml.Node) Position {
	v := n.Value
	switch {
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		lines := strings.Split(strings.TrimRight(v, "\n"), "\n")
		return Position{n.Line + len(lines), 1 + utf8.RuneCountInString(lines[len(lines)-1])}
	case n.Style&yaml.SingleQuotedStyle != 0:
		return Position{n.Line, n.Column + 2 + utf8.RuneCountInString(v) + strings.Count(v, "'")}
	case n.Style&yaml.DoubleQuotedStyle != 0:
		return Position{n.Line, n.Column + 2 + utf8.RuneCountInString(v) + strings.Count(v, `"`) + strings.Count(v, `\`)}
	case strings.Contains(v, "\n"):
		return Position{n.Line, n.Column + 1} // folded plain scalar: mark the start only
	}
	if n.Tag == "!!null" && v == "" {
		return Position{n.Line, n.Column}
	}
	return Position{n.Line, n.Column + utf8.RuneCountInString(v)}
}

func pointRange(line, col int) Range {
	return Range{Start: Position{line, col}, End: Position{line, col}}
}

// sourceLine returns the 1-based line of content, without its line break.
func sourceLine(content []byte, line int) []byte {
	for i := 1; i < line; i++ {
		j := bytes.IndexByte(content, '\n')
		if j < 0 {
			return nil
		}
		content = content[j+1:]
	}
	if j := bytes.IndexByte(content, '\n'); j >= 0 {
		content = content[:j]
	}
	return bytes.TrimRight(content, "\r")
}

func firstNonBlankColumn(content []byte, line int) int {
	l := sourceLine(content, line)
	trimmed := bytes.TrimLeft(l, " \t")
	return 1 + utf8.RuneCount(l[:len(l)-len(trimmed)])
}

func lineEndColumn(content []byte, line int) int {
	return 1 + utf8.RuneCount(sourceLine(content, line))
}
