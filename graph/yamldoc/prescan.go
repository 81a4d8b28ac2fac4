package yamldoc

import (
	"bytes"
	"unicode/utf8"
)

// The pre-scan reads a document's text before yaml.v3 parses it. yaml.v3
// builds the whole node tree (about 250 bytes of memory per node while
// parsing) and cannot stop half-way, so a document of too many nodes must
// be refused before parsing: "- a\n" is one node per 4 bytes, and a 64 MB
// file of it would take 4 GB. The pre-scan is a linear, allocation-light
// tokenizer that counts what starts a node. It skips comments, quoted
// scalars and the content of block scalars, so a ConfigMap with a large
// `|` value counts as the few nodes it is, and it counts a key, its value
// and each sequence entry once, so that the estimate is close to the exact
// count on ordinary YAML and JSON. It is an estimate: the exact count after
// parsing is what decides for documents the pre-scan lets through.
//
// It also follows nesting (indentation in block context, brackets in flow
// context) to find the line where a document first nests deeper than
// MaxDepth: yaml.v3 refuses more than 10,000 levels with an error that
// does not say where a lower limit was crossed.

// maxParserDepth is yaml.v3's own nesting limit (max_flow_level and
// max_indents in its scanner).
const maxParserDepth = 10_000

// textScan is what the pre-scan learns about a document.
type textScan struct {
	nodes int      // estimated number of nodes
	deep  Position // where the nesting first goes deeper than the limit; line 0 if never
}

// flowLevel is an open flow collection and the state of its current entry.
type flowLevel struct {
	isMap bool
	entry bool // the entry has a key (or, in a sequence, an item)
	colon bool // the entry has a `:`
	value bool // a node follows the `:`
}

// blockLevel is an open block collection: the column of its keys or dashes.
type blockLevel struct {
	col int
	seq bool
}

type prescanner struct {
	maxDepth int
	line     int
	cur      []byte // the line being scanned
	nodes    int
	deep     Position
	flow     []flowLevel
	block    []blockLevel
	// quote is the quote character of a scalar continuing on the next line.
	quote byte
	// scalarIndent skips the content of a block scalar: lines indented more
	// than it (or blank); -1 outside block scalars.
	scalarIndent int
	// plainIndent skips the lines of a multi-line plain scalar: lines
	// indented more than it, which may start with `{` or `[` without
	// opening anything; -1 when the last line did not end in a plain scalar.
	plainIndent int
}

// lineState is what the tokens of one line have said so far.
type lineState struct {
	// openSlot is true after a `key:`, `- ` or `? ` that no node has filled
	// yet on this line: whatever fills it (a node here, a collection on
	// the next lines, or an implicit null) is one node.
	openSlot bool
	// parentCol is the column of the last key or dash: a block scalar's
	// content is indented more than it. hasParent is false until one is seen.
	parentCol int
	hasParent bool
	// plain is true while the line ends in a plain scalar, which the next
	// lines may continue.
	plain bool
}

// prescan estimates the nodes of one document's text, whose first line is
// firstLine in the file, and finds where it nests deeper than maxDepth.
func prescan(text []byte, firstLine, maxDepth int) textScan {
	s := prescanner{maxDepth: maxDepth, line: firstLine - 1, scalarIndent: -1, plainIndent: -1}
	s.nodes = 1 // the root, which no slot holds
	text = bytes.TrimPrefix(text, []byte("\ufeff"))
	for l := range bytes.Lines(text) {
		if s.tooDeep() {
			break
		}
		s.line++
		s.scanLine(bytes.TrimSuffix(bytes.TrimSuffix(l, []byte("\n")), []byte("\r")))
	}
	return textScan{nodes: s.nodes, deep: s.deep}
}

// tooDeep stops the scan past the parser's limit, which refuses the
// document anyway: the stacks stay small whatever the input.
func (s *prescanner) tooDeep() bool {
	return len(s.flow)+len(s.block) > maxParserDepth
}

func (s *prescanner) scanLine(l []byte) {
	s.cur = l
	indent := len(l) - len(bytes.TrimLeft(l, " "))
	if s.skipLine(l, indent) {
		return
	}
	pos, ls := indent, lineState{parentCol: indent}
	switch {
	case s.quote != 0:
		end := closingQuote(l, 0, s.quote)
		if end < 0 {
			return
		}
		s.quote, pos = 0, end
	case len(s.flow) > 0 || indent > 0:
	case len(l) > 0 && l[0] == '%', bytes.HasPrefix(l, []byte("...")):
		return // a directive or a document end marker
	case isDocumentStart(l):
		pos, ls.parentCol, ls.hasParent = 3, -1, true
	}
	for pos < len(l) && !s.tooDeep() {
		pos = s.token(l, pos, &ls)
	}
	if ls.openSlot {
		s.nodes++
	}
	if ls.plain && len(s.flow) == 0 {
		s.plainIndent = ls.parentCol
		if !ls.hasParent {
			s.plainIndent-- // a continuation line itself: more lines may follow at its indentation
		}
	}
}

// skipLine reports whether a line is the content of a block scalar or
// the continuation of a multi-line plain scalar: no node starts there.
func (s *prescanner) skipLine(l []byte, indent int) bool {
	blank := indent == len(l)
	if s.scalarIndent >= 0 {
		if blank || indent > s.scalarIndent {
			return true
		}
		s.scalarIndent = -1
	}
	if s.plainIndent >= 0 && s.quote == 0 && len(s.flow) == 0 {
		if blank || indent > s.plainIndent && l[indent] != '#' {
			return true
		}
		s.plainIndent = -1
	}
	return false
}

// token reads the token at pos and returns where the next one may start.
func (s *prescanner) token(l []byte, pos int, ls *lineState) int {
	c, flow := l[pos], len(s.flow) > 0
	if c != ' ' && c != '\t' {
		ls.plain = false
	}
	switch {
	case c == ' ' || c == '\t':
		return pos + 1
	case c == '#' && (pos == 0 || isBlank(l[pos-1])):
		ls.plain = false
		return len(l)
	case flow && (c == ',' || c == ']' || c == '}'):
		s.endFlowEntry(c != ',')
		return pos + 1
	case c == ':' && s.isIndicator(l, pos+1):
		s.colon(ls)
		return pos + 1
	case !flow && (c == '-' || c == '?') && s.isIndicator(l, pos+1):
		s.entry(pos, c == '-', ls)
		return pos + 1
	case c == '&' || c == '!':
		return s.propertyEnd(l, pos) // an anchor or tag: a property, not a node
	case c == '[' || c == '{':
		s.node(ls, pos, false)
		s.flow = append(s.flow, flowLevel{isMap: c == '{'})
		s.checkDepth(pos)
		return pos + 1
	case !flow && (c == '|' || c == '>'):
		s.node(ls, pos, false)
		s.scalarIndent = ls.parentCol
		return len(l)
	}
	return s.scalar(l, pos, ls)
}

// scalar reads a plain or quoted scalar or an alias, and the `:` after it
// when it is a key.
func (s *prescanner) scalar(l []byte, pos int, ls *lineState) int {
	var end int
	switch l[pos] {
	case '"', '\'':
		if end = closingQuote(l, pos+1, l[pos]); end < 0 {
			s.quote, end = l[pos], len(l) // it goes on on the next lines
		}
	default:
		end = s.plainEnd(l, pos)
	}
	colon := end
	for colon < len(l) && isBlank(l[colon]) {
		colon++
	}
	// After a quoted key, JSON style, `:` needs no blank after it.
	quoted := l[pos] == '"' || l[pos] == '\''
	key := s.quote == 0 && colon < len(l) && l[colon] == ':' && (quoted || s.isIndicator(l, colon+1))
	s.node(ls, pos, key)
	if !key {
		ls.plain = !quoted && l[pos] != '*'
		return end
	}
	s.colon(ls)
	return colon + 1
}

// node counts a node starting at col.
func (s *prescanner) node(ls *lineState, col int, key bool) {
	if len(s.flow) > 0 {
		s.nodes++
		top := &s.flow[len(s.flow)-1]
		if top.colon {
			top.value = true
		} else {
			top.entry = true
		}
		return
	}
	switch {
	case key:
		s.nodes++
		if ls.openSlot {
			s.nodes++ // a compact mapping fills the slot: `- key: value`
		}
		ls.parentCol, ls.hasParent = col, true
		s.enterBlock(col, false)
	case ls.openSlot:
		s.nodes++
	}
	// Otherwise the node is the first on its line and no key: it fills the
	// slot a line above left open, or continues a multi-line plain scalar;
	// either way it was counted already.
	ls.openSlot = false
}

// colon is a value indicator.
func (s *prescanner) colon(ls *lineState) {
	if len(s.flow) == 0 {
		if ls.openSlot {
			s.nodes += 2 // a compact mapping with an empty key: `- : v`
		}
		ls.openSlot = true
		return
	}
	top := &s.flow[len(s.flow)-1]
	if !top.entry {
		s.nodes++ // an empty key: `{: v}`
		top.entry = true
	}
	if !top.isMap && !top.colon {
		s.nodes++ // a single-pair mapping in a sequence: `[a: b]`
	}
	top.colon = true
}

// endFlowEntry is a `,` or the end of a flow collection.
func (s *prescanner) endFlowEntry(closing bool) {
	top := &s.flow[len(s.flow)-1]
	if top.colon && !top.value || top.isMap && top.entry && !top.colon {
		s.nodes++ // an implicit null value: `{a: }`, `{a}`
	}
	*top = flowLevel{isMap: top.isMap}
	if closing {
		s.flow = s.flow[:len(s.flow)-1]
	}
}

// entry is a block sequence entry (`- `) or an explicit key (`? `) at col.
func (s *prescanner) entry(col int, seq bool, ls *lineState) {
	if ls.openSlot {
		s.nodes++ // a compact nested sequence fills the slot: `- - x`
	}
	s.enterBlock(col, seq)
	ls.openSlot, ls.parentCol, ls.hasParent = true, col, true
}

// enterBlock follows block nesting: a key or dash at col closes the
// collections indented more, and a sequence at the column of its parent
// mapping's keys (`key:\n- a`) ends at the next key there.
func (s *prescanner) enterBlock(col int, seq bool) {
	for n := len(s.block); n > 0; n-- {
		top := s.block[n-1]
		if top.col < col || top.col == col && (top.seq == seq || seq) {
			break
		}
		s.block = s.block[:n-1]
	}
	if n := len(s.block); n > 0 && s.block[n-1] == (blockLevel{col, seq}) {
		return
	}
	s.block = append(s.block, blockLevel{col, seq})
	s.checkDepth(col)
}

// checkDepth records where the nesting first goes past the limit: the
// collection opening at byte offset col of the current line.
func (s *prescanner) checkDepth(col int) {
	if len(s.flow)+len(s.block) > s.maxDepth && s.deep.Line == 0 {
		s.deep = Position{s.line, 1 + utf8.RuneCount(s.cur[:col])}
	}
}

// isIndicator reports whether `:`, `-` or `?` before l[i] is an indicator:
// followed by a blank or the end of the line, or in flow context by a flow
// indicator.
func (s *prescanner) isIndicator(l []byte, i int) bool {
	if i >= len(l) || isBlank(l[i]) {
		return true
	}
	return len(s.flow) > 0 && isFlowIndicator(l[i])
}

// plainEnd is where a plain scalar (or an anchor, tag or alias) starting
// at pos ends: at `: `, ` #`, the end of the line, or in flow context a
// flow indicator.
func (s *prescanner) plainEnd(l []byte, pos int) int {
	flow := len(s.flow) > 0
	for i := pos + 1; i < len(l); i++ {
		switch c := l[i]; {
		case c == ':' && s.isIndicator(l, i+1), c == '#' && isBlank(l[i-1]):
			return i
		case flow && isFlowIndicator(c):
			return i
		}
	}
	return len(l)
}

// propertyEnd is where an anchor or tag starting at pos ends: at a blank,
// or in flow context a flow indicator. yaml.v3 ends anchor names at the
// first character that is not a letter, digit, `_` or `-`: `&a:` anchors
// an empty key.
func (s *prescanner) propertyEnd(l []byte, pos int) int {
	for i := pos + 1; i < len(l); i++ {
		c := l[i]
		if isBlank(c) || len(s.flow) > 0 && isFlowIndicator(c) || l[pos] == '&' && !isAnchorChar(c) {
			return i
		}
	}
	return len(l)
}

func isAnchorChar(c byte) bool {
	return c == '_' || c == '-' || '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}

// closingQuote returns the offset after the quote q that closes a scalar
// in l from offset i, or -1 when it goes on past the line.
func closingQuote(l []byte, i int, q byte) int {
	for ; i < len(l); i++ {
		switch {
		case q == '"' && l[i] == '\\':
			i++
		case l[i] == q && q == '\'' && i+1 < len(l) && l[i+1] == '\'':
			i++
		case l[i] == q:
			return i + 1
		}
	}
	return -1
}

func isBlank(c byte) bool { return c == ' ' || c == '\t' }

func isFlowIndicator(c byte) bool {
	return c == ',' || c == '[' || c == ']' || c == '{' || c == '}'
}
