package yamldoc

import "bytes"

// The fast path's flow collections (`[a, b]`, `{k: v}`), on one line,
// and block scalars (`|`, `>`).

// flowNode reads the flow collection at the offset, to its closing bracket.
func (p *fastParser) flowNode() (any, bool) {
	if !p.enter() {
		return nil, false
	}
	var v any
	var ok bool
	if p.text[p.off] == '[' {
		v, ok = p.flowSequence()
	} else {
		v, ok = p.flowMapping()
	}
	p.depth--
	return v, ok
}

// peek is the byte at the offset, 0 at the line's end.
func (p *fastParser) peek() byte {
	if p.off >= p.lines[p.cur].end {
		return 0
	}
	return p.text[p.off]
}

func (p *fastParser) flowSequence() ([]any, bool) {
	start := len(p.entries)
	var own []any
	p.off++
	for {
		p.skipSpaces()
		if p.peek() == ']' {
			p.off++
			return p.finishSequence(start, own), true
		}
		item, ok := p.flowItem()
		if !ok {
			return nil, false
		}
		own = p.pushItem(start, own, item)
		if !p.flowSeparator(']') {
			return nil, false
		}
	}
}

func (p *fastParser) flowMapping() (map[string]any, bool) {
	start := len(p.entries)
	var own map[string]any
	p.off++
	for {
		p.skipSpaces()
		if p.peek() == '}' {
			p.off++
			return p.finishMapping(start, own)
		}
		key, ok := p.flowKey()
		if !ok || !p.scalarNode() || key == "<<" {
			return nil, false
		}
		item, ok := p.flowItem()
		if !ok || !p.flowSeparator('}') {
			return nil, false
		}
		if own, ok = p.pushEntry(start, own, key, item); !ok {
			return nil, false
		}
	}
}

// flowSeparator moves past the `,` after an entry; at the closing
// bracket it stays there for the loop to close.
func (p *fastParser) flowSeparator(closing byte) bool {
	p.skipSpaces()
	switch p.peek() {
	case ',':
		p.off++
		return true
	case closing:
		return true
	}
	return false
}

// flowKey reads a key and its `:`. A plain key must be followed by `: `;
// a quoted one may touch its `:`, as in JSON.
func (p *fastParser) flowKey() (string, bool) {
	r := p.rest()
	if len(r) == 0 {
		return "", false
	}
	if r[0] == '"' || r[0] == '\'' {
		s, n, ok := quoted(r)
		if !ok {
			return "", false
		}
		start := p.off
		p.off += n
		p.skipSpaces()
		if p.peek() != ':' || p.off-start > fastMaxKey {
			return "", false
		}
		p.off++
		p.skipSpaces()
		return p.in.key(s), true
	}
	s, n, ok := flowPlain(r)
	if !ok || n >= len(r) || r[n] != ':' || n+1 >= len(r) || r[n+1] != ' ' || n > fastMaxKey {
		return "", false
	}
	p.off += n + 1
	p.skipSpaces()
	return p.in.keyBytes(s), true
}

// flowItem reads a value inside a flow collection.
func (p *fastParser) flowItem() (any, bool) {
	r := p.rest()
	if len(r) == 0 {
		return nil, false
	}
	switch r[0] {
	case '"', '\'':
		return p.quotedValue()
	case '[', '{':
		return p.flowNode()
	}
	s, n, ok := flowPlain(r)
	if !ok || n < len(r) && r[n] == ':' {
		return nil, false // `[k: v]` is a mapping in a sequence
	}
	p.off += n
	return p.plainValue(s)
}

// flowPlain reads a plain scalar in a flow collection: up to a `,`, a
// closing bracket or a `:`, its trailing blanks dropped; n is where it
// stops. Brackets, `?`, comments and `:` inside it go to yaml.v3.
func flowPlain(r []byte) (s []byte, n int, ok bool) {
	if !plainStart(r) {
		return nil, 0, false
	}
	for n = 0; n < len(r); n++ {
		switch r[n] {
		case ',', ']', '}', ':':
			t := bytes.TrimRight(r[:n], " ")
			return t, n, len(t) > 0
		case '[', '{', '?':
			return nil, 0, false // yaml.v3 ends a plain scalar there
		case '#':
			if r[n-1] == ' ' {
				return nil, 0, false
			}
		}
	}
	return nil, 0, false // the collection does not close on this line
}

// blockScalar reads a literal (`|`) or folded (`>`) block scalar whose
// header is at the offset; col is the column of its key or `-`, which its
// lines must be indented beyond.
func (p *fastParser) blockScalar(col int) (any, bool) {
	r := p.rest()
	folded, strip := r[0] == '>', false
	h := r[1:]
	if len(h) > 0 && h[0] == '-' {
		strip, h = true, h[1:]
	}
	if t := bytes.TrimLeft(h, " "); len(t) > 0 && (t[0] != '#' || len(t) == len(h)) {
		return nil, false // keep (`+`), an indentation digit, or text
	}
	lines, end, ok := p.blockLines(col)
	if !ok || folded && !foldable(lines) || !p.scalarNode() {
		return nil, false
	}
	sep := []byte("\n")
	if folded {
		sep = []byte(" ")
	}
	b := bytes.Join(lines, sep)
	if last := p.cur + len(lines); !strip && p.lines[last].end < len(p.text) { // its last line's break, if any
		b = append(b, '\n')
	}
	p.cur = end
	p.skipBlank()
	return p.in.str(string(b)), true
}

// blockLines returns the lines of the block scalar after the current line,
// their indentation removed (an empty line is empty), up to its last line
// with content, and the index of the line after them. Lines of blanks
// longer than the indentation, or a scalar with no content, go to yaml.v3.
func (p *fastParser) blockLines(col int) (lines [][]byte, end int, ok bool) {
	first := p.cur + 1
	i := first
	for i < len(p.lines) && isBlanks(p.line(i)) {
		i++
	}
	if i == len(p.lines) || p.indent(i) <= col {
		return nil, 0, false
	}
	ind := p.indent(i)
	last := first - 1
	for end = first; end < len(p.lines); end++ {
		l := p.line(end)
		if isBlanks(l) {
			if len(l) > ind {
				return nil, 0, false
			}
			continue
		}
		if p.indent(end) < ind {
			break
		}
		last = end
	}
	for j := first; j <= last; j++ {
		if l := p.line(j); len(l) > ind {
			lines = append(lines, l[ind:])
		} else {
			lines = append(lines, nil)
		}
	}
	return lines, end, true
}

func isBlanks(l []byte) bool { return len(bytes.TrimLeft(l, " ")) == 0 }

// foldable reports whether folding lines is joining them with spaces: no
// empty line and no line indented further, which fold otherwise.
func foldable(lines [][]byte) bool {
	for _, l := range lines {
		if len(l) == 0 || l[0] == ' ' {
			return false
		}
	}
	return true
}
