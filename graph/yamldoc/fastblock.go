package yamldoc

import "bytes"

// The fast path's block collections. Each function starts at the offset
// of its first token and returns on the next content line after it (or
// past the end), which the caller judges by its indentation.

// mapping reads a block mapping whose keys are at column col, the first
// one at the offset.
func (p *fastParser) mapping(col int) (map[string]any, bool) {
	if !p.enter() {
		return nil, false
	}
	start := len(p.entries)
	var own map[string]any
	for {
		key, ok := p.key()
		if !ok || !p.scalarNode() || key == "<<" {
			return nil, false // merges are resolved by the yaml.v3 path
		}
		v, ok := p.mappingValue(col)
		if !ok {
			return nil, false
		}
		if own, ok = p.pushEntry(start, own, key, v); !ok {
			return nil, false // duplicates are reported by the yaml.v3 path
		}
		if p.cur >= len(p.lines) {
			break
		}
		if ind := p.indent(p.cur); ind < col {
			break
		} else if ind > col || p.startsEntry() {
			return nil, false // a continuation line, or a syntax error
		}
	}
	out, ok := p.finishMapping(start, own)
	p.depth--
	return out, ok
}

// mappingValue reads the value after a key at column col, the offset
// past the `:` and its blanks.
func (p *fastParser) mappingValue(col int) (any, bool) {
	if !p.atLineEnd() {
		return p.inlineValue(col)
	}
	p.nextContent()
	switch {
	case p.cur >= len(p.lines):
	case p.indent(p.cur) > col:
		return p.blockNode(p.indent(p.cur))
	case p.indent(p.cur) == col && p.startsEntry():
		return p.sequence(col) // a sequence may sit at its key's indentation
	}
	return p.null()
}

// blockNode reads a mapping or sequence that starts a line at column col.
func (p *fastParser) blockNode(col int) (any, bool) {
	if p.startsEntry() {
		return p.sequence(col)
	}
	if p.startsKey() {
		return p.mapping(col)
	}
	return nil, false // a scalar on a line of its own
}

// sequence reads a block sequence whose `-` entries are at column col.
func (p *fastParser) sequence(col int) ([]any, bool) {
	if !p.enter() {
		return nil, false
	}
	start := len(p.entries)
	var own []any
	for {
		item, ok := p.sequenceItem(col)
		if !ok {
			return nil, false
		}
		own = p.pushItem(start, own, item)
		if p.cur >= len(p.lines) {
			break
		}
		ind := p.indent(p.cur)
		if ind > col {
			return nil, false
		}
		if ind < col || !p.startsEntry() {
			break // the rest belongs to an enclosing collection
		}
	}
	out := p.finishSequence(start, own)
	p.depth--
	return out, true
}

// sequenceItem reads the item after a `-` at column col.
func (p *fastParser) sequenceItem(col int) (any, bool) {
	p.off++
	p.skipSpaces()
	switch {
	case p.atLineEnd():
		p.nextContent()
		if p.cur < len(p.lines) && p.indent(p.cur) > col {
			return p.blockNode(p.indent(p.cur))
		}
		return p.null()
	case p.startsEntry():
		return nil, false // `- - a`: a compact nested sequence
	case p.startsKey():
		return p.mapping(p.column())
	}
	return p.inlineValue(col)
}

// startsKey reports whether the offset starts a key: a plain or quoted
// scalar on this line followed by `:` and a blank or the line's end.
func (p *fastParser) startsKey() bool {
	save := p.off
	_, ok := p.key()
	p.off = save
	return ok
}

// key reads a key and its `:`, and moves past the blanks after it.
func (p *fastParser) key() (string, bool) {
	r, start := p.rest(), p.off
	if len(r) == 0 {
		return "", false
	}
	var key string
	switch r[0] {
	case '"', '\'':
		s, n, ok := quoted(r)
		if !ok {
			return "", false
		}
		key, r = p.in.key(s), bytes.TrimLeft(r[n:], " ")
		if len(r) == 0 || r[0] != ':' || len(r) > 1 && r[1] != ' ' {
			return "", false
		}
		p.off = p.lines[p.cur].end - len(r) + 1
	default:
		if !plainStart(r) {
			return "", false
		}
		i := keyEnd(r)
		if i < 0 {
			return "", false
		}
		key = p.in.keyBytes(bytes.TrimRight(r[:i], " "))
		p.off += i + 1
	}
	if p.off-start > fastMaxKey {
		return "", false
	}
	p.skipSpaces()
	return key, true
}

// keyEnd finds the `:` that ends a plain key (followed by a blank or the
// line's end), or -1 when the line has none before a comment.
func keyEnd(r []byte) int {
	for i := 0; i < len(r); i++ {
		switch r[i] {
		case ':':
			if i+1 == len(r) || r[i+1] == ' ' {
				return i
			}
		case '#':
			if i > 0 && r[i-1] == ' ' {
				return -1
			}
		}
	}
	return -1
}

// plainStart reports whether r may start a plain scalar in block context
// as far as the fast path reads them: not an indicator, but `-` followed
// by something other than a blank (a negative number, a flag).
func plainStart(r []byte) bool {
	switch r[0] {
	case '-':
		return len(r) > 1 && !bytes.ContainsRune([]byte(" ,[]{}#"), rune(r[1]))
	case '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%', '@', '`':
		return false
	}
	return true
}
