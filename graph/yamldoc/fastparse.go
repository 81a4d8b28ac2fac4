package yamldoc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// The fast path reads the YAML that manifests are written in (block
// mappings and sequences, one-line scalars and flow collections, literal
// block scalars, comments) straight into values, without yaml.v3's node
// tree: building that tree was most of the time and memory of loading a
// mesh. It declines, and the document goes to yaml.v3, at anything else:
// anchors, aliases, tags, multi-line plain or quoted scalars, tabs,
// directives, duplicate or merge keys, unusual indentation, syntax errors.
// What it accepts it must read exactly as yaml.v3 does, which
// TestFastPathAsYAMLv3 and FuzzFastPathAsYAMLv3 check.

// fastDoc is what the fast path read of one YAML document.
type fastDoc struct {
	value   map[string]any
	start   Position // the root mapping's first key
	hasNull bool
	nodes   int // as yaml.v3 counts them (see treeWalk)
}

// fastMaxDepth bounds the nesting the fast path reads; deeper documents,
// which real manifests never are, go to yaml.v3 and the depth limit.
const fastMaxDepth = 64

// fastMaxKey is below libyaml's limit on the length of a simple key, from
// its start to its `:` (1024 characters).
const fastMaxKey = 1000

// fastLine is a line of the text: its [start, end) offsets, '\n'
// excluded, and its leading spaces, which the parser asks for often.
type fastLine struct{ start, end, indent int }

type fastParser struct {
	text      []byte
	firstLine int // file line of text[0]
	in        *interner
	maxNodes  int
	maxDepth  int

	lines []fastLine
	// cur is the index of the line parsing is on; off the offset in text.
	cur, off int
	depth    int
	nodes    int
	hasNull  bool

	// entries are those of the collections being read, innermost last;
	// lastID is the id of the collection read last when it is shared.
	entries []fastEntry
	lastID  uint32
	shared  *sharedCollections // nil: none
}

// parseFast reads one chunk (one YAML document) on the fast path; ok is
// false when the document must go to yaml.v3 instead. A blank chunk is
// never passed here.
func parseFast(text []byte, firstLine int, l Limits, in *interner) (doc fastDoc, ok bool) {
	return newFastParser(l, in).parse(text, firstLine)
}

func newFastParser(l Limits, in *interner) *fastParser {
	p := &fastParser{in: in, maxNodes: l.MaxNodes, maxDepth: min(l.MaxDepth, fastMaxDepth)}
	if in != nil {
		p.shared = in.collections
		p.lines, p.entries = p.shared.scratch.lines, p.shared.scratch.entries
	}
	return p
}

// keepScratch leaves the parser's buffers for the worker's next file.
func (p *fastParser) keepScratch() {
	if p.shared != nil {
		p.shared.scratch.lines, p.shared.scratch.entries = p.lines[:0], p.entries[:0]
	}
}

// parse reads a document; the parser can read another one afterwards.
func (p *fastParser) parse(text []byte, firstLine int) (doc fastDoc, ok bool) {
	if !fastChars(text) {
		return fastDoc{}, false
	}
	*p = fastParser{text: text, firstLine: firstLine, in: p.in, maxNodes: p.maxNodes, maxDepth: p.maxDepth,
		lines: p.lines[:0], entries: p.entries[:0], shared: p.shared}
	if !p.splitLines() || !p.skipHeader() || p.cur >= len(p.lines) {
		return fastDoc{}, false
	}
	col := p.indent(p.cur)
	doc.start = Position{p.firstLine + p.cur, col + 1}
	if !p.startsKey() {
		return fastDoc{}, false // a sequence or a scalar: not an object
	}
	v, ok := p.mapping(col)
	if !ok || p.cur < len(p.lines) {
		return fastDoc{}, false // content after the root mapping: an error
	}
	return fastDoc{value: v, start: doc.start, hasNull: p.hasNull, nodes: p.nodes}, true
}

// fastChars reports whether text holds only characters the fast path
// reads: printable ASCII and line feeds, and non-ASCII characters YAML
// allows that are not line breaks (NEL, LS, PS) or a byte order mark.
// Tabs and carriage returns go to yaml.v3.
func fastChars(text []byte) bool {
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			if c != '\n' && (c < 0x20 || c > 0x7E) {
				return false
			}
			i++
			continue
		}
		r, size := utf8.DecodeRune(text[i:])
		if r == utf8.RuneError && size <= 1 || !yamlChar(r) || r == 0x85 || r == 0x2028 || r == 0x2029 || r == 0xFEFF {
			return false
		}
		i += size
	}
	return true
}

// splitLines finds the lines of the document, up to a `...` marker if
// it has one; it returns false when anything but comments follows one.
func (p *fastParser) splitLines() bool {
	for start := 0; start < len(p.text); {
		end := bytes.IndexByte(p.text[start:], '\n')
		if end < 0 {
			end = len(p.text) - start
		}
		l := p.text[start : start+end]
		if isDocumentEnd(l) {
			return isBlankChunk(p.text[start+3:])
		}
		indent := len(l) - len(bytes.TrimLeft(l, " "))
		p.lines = append(p.lines, fastLine{start, start + end, indent})
		start += end + 1
	}
	return true
}

// isDocumentEnd reports whether line is a `...` document end marker.
func isDocumentEnd(line []byte) bool {
	return bytes.HasPrefix(line, []byte("...")) && (len(line) == 3 || line[3] == ' ')
}

// line returns the text of line i.
func (p *fastParser) line(i int) []byte { return p.text[p.lines[i].start:p.lines[i].end] }

// indent is the number of leading spaces of line i.
func (p *fastParser) indent(i int) int { return p.lines[i].indent }

// isContent reports whether line i holds more than blanks and a comment.
func (p *fastParser) isContent(i int) bool {
	l := p.line(i)
	n := p.indent(i)
	return n < len(l) && l[n] != '#'
}

// nextContent moves to the next line with content after the current one.
func (p *fastParser) nextContent() {
	p.cur++
	p.skipBlank()
}

// skipBlank moves from the current line to the first line with content.
func (p *fastParser) skipBlank() {
	for p.cur < len(p.lines) && !p.isContent(p.cur) {
		p.cur++
	}
	if p.cur < len(p.lines) {
		p.off = p.lines[p.cur].start + p.indent(p.cur)
	}
}

// skipHeader moves to the document's first content, past a `---` marker
// that carries nothing but a comment.
func (p *fastParser) skipHeader() bool {
	p.skipBlank()
	if p.cur < len(p.lines) && isDocumentStart(p.line(p.cur)) {
		if rest := bytes.TrimLeft(p.line(p.cur)[3:], " "); len(rest) > 0 && rest[0] != '#' {
			return false // content on the marker's line
		}
		p.nextContent()
	}
	return true
}

// rest is the current line from the offset on.
func (p *fastParser) rest() []byte { return p.text[p.off:p.lines[p.cur].end] }

// column is the 0-based column of the offset.
func (p *fastParser) column() int { return p.off - p.lines[p.cur].start }

// skipSpaces moves the offset past spaces on the current line.
func (p *fastParser) skipSpaces() {
	for p.off < p.lines[p.cur].end && p.text[p.off] == ' ' {
		p.off++
	}
}

// atLineEnd reports whether only blanks and a comment are left on the
// line (a comment must follow a blank, which the caller skipped).
func (p *fastParser) atLineEnd() bool {
	r := p.rest()
	return len(r) == 0 || r[0] == '#'
}

// startsEntry reports whether the next content line, at indent col, is a
// block sequence entry (`-` then a blank or the line's end).
func (p *fastParser) startsEntry() bool {
	r := p.rest()
	return len(r) > 0 && r[0] == '-' && (len(r) == 1 || r[1] == ' ')
}

// enter counts a collection and checks the nesting.
func (p *fastParser) enter() bool {
	p.nodes++
	p.depth++
	return p.depth <= p.maxDepth && p.nodes <= p.maxNodes
}

// scalarNode counts a scalar.
func (p *fastParser) scalarNode() bool {
	p.nodes++
	return p.nodes <= p.maxNodes
}

// null is an empty value: yaml.v3's null scalar.
func (p *fastParser) null() (any, bool) {
	p.hasNull = true
	return nil, p.scalarNode()
}

// commonPlainValue resolves the commonest plain scalars of resolve's
// table without building a node: decimal integers (ports, replicas,
// weights), and words that start with one of its letters, which are
// strings unless spelled as its true, false or null. ok is false for the
// rest (signs, `.`, leading zeros, timestamps, `~`, `<<`).
func (p *fastParser) commonPlainValue(s []byte) (v any, ok bool) {
	if len(s) == 0 {
		return nil, false
	}
	switch c := s[0]; {
	case c >= '1' && c <= '9' && len(s) <= 18: // below 2^63 whatever the digits
		var n int64
		for _, d := range s {
			if d < '0' || d > '9' {
				return nil, false
			}
			n = n*10 + int64(d-'0')
		}
		return n, true
	case strings.IndexByte("yYnNtTfFoO", c) >= 0:
		switch string(s) {
		case "true", "True", "TRUE":
			return true, true
		case "false", "False", "FALSE":
			return false, true
		case "null", "Null", "NULL":
			p.hasNull = true
			return nil, true
		}
		return p.in.strBytes(s), true
	}
	return nil, false
}

// plainValue resolves a plain scalar as yaml.v3 does: commonPlainValue
// the commonest, and yaml.v3 the tag of the rest that may be something
// other than a string (resolve's table: signs, digits, `.`, `~`, `<`;
// the table's letters commonPlainValue always resolves).
func (p *fastParser) plainValue(s []byte) (any, bool) {
	if !p.scalarNode() {
		return nil, false
	}
	if v, ok := p.commonPlainValue(s); ok {
		return v, true
	}
	if len(s) == 0 || strings.IndexByte("+-.0123456789~<", s[0]) >= 0 {
		n := yaml.Node{Kind: yaml.ScalarNode, Value: string(s)}
		switch n.ShortTag() {
		case "!!str":
		case "!!merge":
			return nil, false
		default:
			v := scalarValue(&n)
			p.hasNull = p.hasNull || v == nil
			return v, true
		}
	}
	return p.in.strBytes(s), true
}
