package yamldoc

import (
	"bytes"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// mappingValue returns the value for key in a mapping node, following
// aliases and merge keys (`<<`); nil when absent.
func MappingValue(n *yaml.Node, key string) *yaml.Node {
	_, v := mappingEntry(n, key)
	return v
}

// mappingEntry returns the key and value nodes for key. Explicit keys win
// over merged ones, as YAML specifies.
func mappingEntry(n *yaml.Node, key string) (*yaml.Node, *yaml.Node) {
	return mappingEntrySeen(n, key, nil)
}

// mappingEntrySeen searches each mapping at most once: merge sources can
// form cycles (`a: &a {<<: *a}` parses) or be shared exponentially often (a
// "billion laughs" of merge keys), and a mapping already searched did not
// have the key.
func mappingEntrySeen(n *yaml.Node, key string, seen map[*yaml.Node]bool) (*yaml.Node, *yaml.Node) {
	n = resolveAlias(n)
	if n == nil || n.Kind != yaml.MappingNode || seen[n] {
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
		if seen == nil {
			seen = map[*yaml.Node]bool{}
		}
		seen[n] = true
		for _, m := range mergeSources(n.Content[i+1]) {
			if k, v := mappingEntrySeen(m, key, seen); v != nil {
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
// repeated key and with the first occurrence as related location. The
// fix removes the occurrence before it, which the last one overrides.
func duplicateKeys(file string, n *yaml.Node, f *fileText) []Problem {
	var problems []Problem
	var walk func(n *yaml.Node)
	walk = func(n *yaml.Node) {
		switch {
		case n.Kind != yaml.MappingNode:
		case len(n.Content) <= 2*smallMapping:
			problems = smallDuplicates(problems, file, n, f)
		default:
			problems = largeDuplicates(problems, file, n, f)
		}
		for _, c := range n.Content {
			walk(c)
		}
	}
	walk(n)
	return problems
}

// smallMapping is the size (in keys) up to which duplicateKeys compares
// keys pairwise: most mappings have a few keys, and two maps for each
// cost more than the comparisons.
const smallMapping = 16

// isPlainKey reports whether k is a key duplicateKeys compares.
func isPlainKey(k *yaml.Node) bool { return k.Kind == yaml.ScalarNode && !isMergeKey(k) }

// smallDuplicates is largeDuplicates without maps: for the key at i, the
// first earlier key with its text and the last one.
func smallDuplicates(problems []Problem, file string, n *yaml.Node, f *fileText) []Problem {
	for i := 2; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !isPlainKey(k) {
			continue
		}
		first, last := -1, -1
		for j := 0; j < i; j += 2 {
			if c := n.Content[j]; c.Value == k.Value && isPlainKey(c) {
				if first < 0 {
					first = j
				}
				last = j
			}
		}
		if first >= 0 {
			problems = append(problems, duplicateKeyProblem(file, n, k, n.Content[first], last, f))
		}
	}
	return problems
}

func largeDuplicates(problems []Problem, file string, n *yaml.Node, f *fileText) []Problem {
	first, last := map[string]*yaml.Node{}, map[string]int{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		if !isPlainKey(k) {
			continue
		}
		prev, dup := first[k.Value]
		if !dup {
			first[k.Value], last[k.Value] = k, i
			continue
		}
		problems = append(problems, duplicateKeyProblem(file, n, k, prev, last[k.Value], f))
		last[k.Value] = i
	}
	return problems
}

func duplicateKeyProblem(file string, m, k, first *yaml.Node, prev int, f *fileText) Problem {
	p := Problem{
		Kind:     ProblemDuplicateKey,
		Location: Location{File: file, Range: NodeRange(k)},
		// No line number in the message: it would change the
		// finding's fingerprint whenever lines shift.
		Message: fmt.Sprintf("mapping key %q is defined twice in this mapping; the last value wins", k.Value),
		Related: []RelatedLocation{{
			Location: Location{File: file, Range: NodeRange(first)},
			Message:  fmt.Sprintf("first definition of %q", k.Value),
		}},
	}
	if f == nil {
		return p
	}
	if e, ok := deleteEntryAt(f, m, prev); ok {
		p.Fix = &Fix{Message: fmt.Sprintf("remove the earlier %q, whose value the last one overrides", k.Value), Edits: []Edit{e}}
	}
	return p
}

// NodeRange is the source range a node covers. yaml.v3 records only start
// positions, so the end is derived: from the scalar's text for scalars, from
// the last descendant for collections. Without the source text, the ends of
// block scalars, multi-line scalars and quoted scalars with escapes are
// approximations; Document.Range reads the source and gets them right.
func NodeRange(n *yaml.Node) Range { return nodeRangeIn(n, nil) }

// nodeRangeIn is NodeRange with the file's text (nil if unknown).
func nodeRangeIn(n *yaml.Node, f *fileText) Range {
	return Range{Start: f.clamp(Position{n.Line, n.Column}), End: f.clamp(nodeEnd(n, f))}
}

// clamp moves a position past the end of the file to the end of its last
// line: yaml.v3 places the implicit null of a last `?` or `key:` without a
// line break on the line after (TestRangeImplicitNullAtEnd).
func (f *fileText) clamp(p Position) Position {
	if f == nil || f.lineStart(p.Line) >= 0 {
		return p
	}
	last := len(f.starts)
	if p.Line < last {
		return p
	}
	l, _ := f.line(last)
	return Position{last, 1 + utf8.RuneCount(l)}
}

func nodeEnd(n *yaml.Node, f *fileText) Position {
	switch n.Kind {
	case yaml.ScalarNode:
		if f != nil {
			if end, ok := scalarEndFromSource(n, f); ok {
				return end
			}
		}
		return scalarEnd(n)
	case yaml.AliasNode:
		return Position{n.Line, n.Column + 1 + utf8.RuneCountInString(n.Value)}
	case yaml.MappingNode, yaml.SequenceNode:
		from := Position{n.Line, n.Column + 1} // past the opening bracket
		if len(n.Content) > 0 {
			from = nodeEnd(n.Content[len(n.Content)-1], f)
		}
		if n.Style&yaml.FlowStyle == 0 {
			return from
		}
		bracket := byte('}')
		if n.Kind == yaml.SequenceNode {
			bracket = ']'
		}
		if f != nil {
			if end, ok := closingBracket(f, from, bracket); ok {
				return end
			}
		}
		return Position{from.Line, from.Column + 1} // assume the bracket follows
	}
	return Position{n.Line, n.Column}
}

// closingBracket finds the bracket that closes a flow collection, scanning
// from a position past its last element (or its opening bracket) over
// blanks, line breaks, commas and comments.
func closingBracket(f *fileText, from Position, bracket byte) (Position, bool) {
	l, ok := f.line(from.Line)
	if !ok {
		return Position{}, false
	}
	off := columnOffset(l, from.Column)
	if off < 0 {
		return Position{}, false
	}
	c, line, col := f.content, from.Line, from.Column
	for i := f.lineStart(from.Line) + off; i < len(c); i++ {
		switch b := c[i]; b {
		case bracket:
			return Position{line, col + 1}, true
		case '\n':
			line, col = line+1, 1
			continue
		case '#':
			j := bytes.IndexByte(c[i:], '\n')
			if j < 0 {
				return Position{}, false
			}
			i += j - 1 // the loop moves on to the line break
			continue
		case ' ', '\t', '\r', ',':
		default:
			return Position{}, false
		}
		col++
	}
	return Position{}, false
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

// fileText is a file's content with a line index built on first use,
// shared by the file's documents to find where scalars end.
type fileText struct {
	content []byte
	once    sync.Once
	starts  []int // byte offset of each line
}

func newFileText(content []byte) *fileText { return &fileText{content: content} }

// lineStart is the byte offset of 1-based line i, after a byte-order mark
// on line 1 (yaml.v3 does not count it as a column); -1 when out of range.
func (f *fileText) lineStart(i int) int {
	f.once.Do(func() {
		f.starts = []int{0}
		// LoadFile has turned lone CRs into LFs (loneCRsAsLF).
		for j, b := range f.content {
			if b == '\n' {
				f.starts = append(f.starts, j+1)
			}
		}
	})
	if i < 1 || i > len(f.starts) {
		return -1
	}
	if i == 1 && bytes.HasPrefix(f.content, []byte("\ufeff")) {
		return 3
	}
	return f.starts[i-1]
}

// line returns 1-based line i without its line break; ok is false when the
// file has no such line.
func (f *fileText) line(i int) (l []byte, ok bool) {
	start := f.lineStart(i)
	if start < 0 {
		return nil, false
	}
	end := len(f.content)
	if i < len(f.starts) {
		end = f.starts[i] - 1
	}
	return bytes.TrimRight(f.content[start:end], "\r"), true
}

// columnOffset is the byte offset of 1-based rune column col in l, or -1.
func columnOffset(l []byte, col int) int {
	off := 0
	for c := 1; c < col; c++ {
		if off >= len(l) {
			return -1
		}
		_, size := utf8.DecodeRune(l[off:])
		off += size
	}
	return off
}

// scalarEndFromSource finds where a scalar ends by reading the source: the
// closing quote of a quoted scalar, the last content line of a block
// scalar, the last line of a plain scalar that spans lines. ok is false
// when the source does not look as expected; the caller then estimates.
func scalarEndFromSource(n *yaml.Node, f *fileText) (Position, bool) {
	l, ok := f.line(n.Line)
	if !ok {
		return Position{}, false
	}
	off := columnOffset(l, n.Column)
	if off < 0 {
		return Position{}, false
	}
	switch {
	case n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle) != 0:
		return quotedEnd(n, f, f.lineStart(n.Line)+off)
	case n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0:
		return blockScalarEnd(n, f, l[off:])
	case n.Style == 0:
		if bytes.HasPrefix(l[off:], []byte(n.Value)) {
			return Position{}, false // on one line: the estimate is exact
		}
		return plainEnd(n, f, l[off:])
	}
	return Position{}, false
}

// quotedEnd scans from the opening quote at byte offset start to the
// closing one: a doubled single quote stands for one, a backslash escapes
// anything in double quotes.
func quotedEnd(n *yaml.Node, f *fileText, start int) (Position, bool) {
	c := f.content
	if start >= len(c) || (c[start] != '\'' && c[start] != '"') {
		return Position{}, false
	}
	q := c[start]
	for i := start + 1; i < len(c); i++ {
		switch {
		case q == '"' && c[i] == '\\':
			i++
		case c[i] == q && q == '\'' && i+1 < len(c) && c[i+1] == '\'':
			i++
		case c[i] == q:
			text := c[start : i+1]
			nl := bytes.LastIndexByte(text, '\n')
			if nl < 0 {
				return Position{n.Line, n.Column + utf8.RuneCount(text)}, true
			}
			return Position{n.Line + bytes.Count(text, []byte("\n")), 1 + utf8.RuneCount(text[nl+1:])}, true
		}
	}
	return Position{}, false
}

// blockScalarEnd is the end of the last non-blank content line of a block
// scalar (`|`, `>-`...), whose header starts rest. Content lines are the
// blank ones and those indented at least as much as the first non-blank
// one.
func blockScalarEnd(n *yaml.Node, f *fileText, rest []byte) (Position, bool) {
	header := rest
	if i := bytes.IndexAny(rest, " \t"); i >= 0 {
		header = rest[:i]
	}
	end := Position{n.Line, n.Column + utf8.RuneCount(header)}
	if strings.TrimRight(n.Value, "\n") == "" {
		return end, true // no content
	}
	indent := -1
	for i := n.Line + 1; ; i++ {
		l, ok := f.line(i)
		if !ok {
			break
		}
		text := bytes.TrimRight(l, " \t")
		if len(text) == 0 {
			continue
		}
		lead := len(l) - len(bytes.TrimLeft(l, " "))
		if indent < 0 {
			indent = lead
		}
		if lead < indent || (lead == 0 && (isDocumentStart(l) || bytes.HasPrefix(l, []byte("...")))) {
			break
		}
		end = Position{i, 1 + utf8.RuneCount(text)}
	}
	return end, true
}

// plainEnd follows a plain scalar over the lines it spans: its value is
// the lines, trimmed and joined by a space (an empty line gives a line
// break instead).
func plainEnd(n *yaml.Node, f *fileText, rest []byte) (Position, bool) {
	v, line, col, seg := n.Value, n.Line, n.Column, rest
	for {
		if i := bytes.Index(seg, []byte(" #")); i >= 0 {
			seg = seg[:i]
		}
		if i := bytes.Index(seg, []byte("\t#")); i >= 0 {
			seg = seg[:i]
		}
		seg = bytes.TrimRight(seg, " \t")
		if len(seg) == 0 || !strings.HasPrefix(v, string(seg)) {
			return Position{}, false
		}
		v = v[len(seg):]
		if v == "" {
			return Position{line, col + utf8.RuneCount(seg)}, true
		}
		switch breaks := len(v) - len(strings.TrimLeft(v, "\n")); {
		case breaks > 0:
			v, line = v[breaks:], line+breaks+1
		case v[0] == ' ':
			v, line = v[1:], line+1
		default:
			return Position{}, false
		}
		l, ok := f.line(line)
		if !ok {
			return Position{}, false
		}
		seg = bytes.TrimLeft(l, " \t")
		col = 1 + utf8.RuneCount(l[:len(l)-len(seg)])
	}
}

// firstNonBlankColumn and lineEndColumn read the file's line index: a file
// of many broken documents asks for many lines, and scanning from the start
// of the file for each was quadratic (TestManySyntaxErrorsLinear).
func firstNonBlankColumn(f *fileText, line int) int {
	l, _ := f.line(line)
	trimmed := bytes.TrimLeft(l, " \t")
	return 1 + utf8.RuneCount(l[:len(l)-len(trimmed)])
}

func lineEndColumn(f *fileText, line int) int {
	l, _ := f.line(line)
	return 1 + utf8.RuneCount(l)
}
