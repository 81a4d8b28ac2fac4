package yamldoc

import (
	"bytes"
	"unicode/utf8"
)

// The fast path's scalars and flow collections, all on one line but
// for block scalars.

// inlineValue reads the value that follows a key or `-` on the same line;
// col is the column of that key or `-`.
func (p *fastParser) inlineValue(col int) (any, bool) {
	r := p.rest()
	var v any
	var ok bool
	switch r[0] {
	case '"', '\'':
		v, ok = p.quotedValue()
	case '[', '{':
		v, ok = p.flowNode()
	case '|', '>':
		return p.blockScalar(col)
	default:
		v, ok = p.plainBlockValue()
	}
	if !ok {
		return nil, false
	}
	p.skipSpaces()
	if !p.atLineEnd() {
		return nil, false
	}
	p.nextContent()
	return v, true
}

// quotedValue reads a quoted scalar at the offset: always a string.
func (p *fastParser) quotedValue() (any, bool) {
	s, n, ok := quoted(p.rest())
	if !ok || !p.scalarNode() {
		return nil, false
	}
	p.off += n
	return p.in.str(s), true
}

// plainBlockValue reads a plain scalar to the end of the line or to a
// comment. A `: ` or a final `:` in it is a syntax error in YAML.
func (p *fastParser) plainBlockValue() (any, bool) {
	r := p.rest()
	if !plainStart(r) {
		return nil, false
	}
	end := len(r)
	if i := bytes.Index(r, []byte(" #")); i >= 0 {
		end = i
	}
	s := bytes.TrimRight(r[:end], " ")
	if bytes.Contains(s, []byte(": ")) || bytes.HasSuffix(s, []byte(":")) {
		return nil, false
	}
	p.off += end
	return p.plainValue(s)
}

// quoted reads the single- or double-quoted scalar r starts with: its
// value and the bytes it takes, closing quote included. ok is false when
// it does not close on this line or holds an escape yaml.v3 refuses.
func quoted(r []byte) (s string, n int, ok bool) {
	if r[0] == '\'' {
		return singleQuoted(r)
	}
	for i := 1; i < len(r); i++ {
		switch r[i] {
		case '"':
			return string(r[1:i]), i + 1, true
		case '\\':
			return doubleQuotedEscaped(r, i, make([]byte, 0, len(r)))
		}
	}
	return "", 0, false
}

// doubleQuotedEscaped reads a double-quoted scalar from its first escape,
// at r[i].
func doubleQuotedEscaped(r []byte, i int, b []byte) (string, int, bool) {
	b = append(b, r[1:i]...)
	for i < len(r) {
		switch c := r[i]; c {
		case '"':
			return string(b), i + 1, true
		case '\\':
			var ok bool
			if b, i, ok = appendEscape(b, r, i); !ok {
				return "", 0, false
			}
		default:
			b = append(b, c)
			i++
		}
	}
	return "", 0, false
}

// simpleEscapes are the one-character escapes of double-quoted scalars
// that yaml.v3 knows (it refuses `\/`).
var simpleEscapes = map[byte]string{
	'0': "\x00", 'a': "\x07", 'b': "\x08", 't': "\t", 'n': "\n", 'v': "\x0B", 'f': "\x0C", 'r': "\r",
	'e': "\x1B", ' ': " ", '"': "\"", '\'': "'", '\\': "\\",
	'N': "\u0085", '_': "\u00A0", 'L': "\u2028", 'P': "\u2029",
}

// hexEscapeDigits are the escapes followed by a code point in hexadecimal.
var hexEscapeDigits = map[byte]int{'x': 2, 'u': 4, 'U': 8}

// appendEscape appends the character the escape at r[i] stands for.
func appendEscape(b, r []byte, i int) ([]byte, int, bool) {
	if i+1 >= len(r) {
		return nil, 0, false // `\` at the line's end: a multi-line scalar
	}
	if s, ok := simpleEscapes[r[i+1]]; ok {
		return append(b, s...), i + 2, true
	}
	digits := hexEscapeDigits[r[i+1]]
	if digits == 0 || i+2+digits > len(r) {
		return nil, 0, false
	}
	code := 0
	for _, c := range r[i+2 : i+2+digits] {
		d := hexDigit(c)
		if d < 0 {
			return nil, 0, false
		}
		code = code<<4 | d
	}
	if code >= 0xD800 && code <= 0xDFFF || code > 0x10FFFF {
		return nil, 0, false
	}
	return utf8.AppendRune(b, rune(code)), i + 2 + digits, true
}

// hexDigit is the value of a hexadecimal digit, -1 for another byte.
func hexDigit(c byte) int {
	switch {
	case c >= '0' && c <= '9':
		return int(c - '0')
	case c >= 'a' && c <= 'f':
		return int(c-'a') + 10
	case c >= 'A' && c <= 'F':
		return int(c-'A') + 10
	}
	return -1
}

// singleQuoted reads a single-quoted scalar, where two quotes in a row
// stand for one.
func singleQuoted(r []byte) (string, int, bool) {
	var b []byte
	from := 1
	for i := 1; i < len(r); i++ {
		if r[i] != '\'' {
			continue
		}
		if i+1 < len(r) && r[i+1] == '\'' {
			b = append(b, r[from:i+1]...) // one quote of the two
			i++
			from = i + 1
			continue
		}
		return string(append(b, r[from:i]...)), i + 1, true
	}
	return "", 0, false
}
