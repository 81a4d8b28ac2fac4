package lsp

import (
	"bytes"
	"net/url"
	"path/filepath"
	"strings"
	"unicode/utf16"
	"unicode/utf8"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/graph"
)

// text is a file's content with the byte offset of each line, to turn
// meshlint's 1-based rune columns into LSP's 0-based UTF-16 ones and back.
type text struct {
	content []byte
	starts  []int
}

func newText(content []byte) *text {
	t := &text{content: content, starts: []int{0}}
	for i, b := range content {
		if b == '\n' {
			t.starts = append(t.starts, i+1)
		}
	}
	return t
}

// line is the text of 0-based line i, without its line break.
func (t *text) line(i int) []byte {
	if t == nil || i < 0 || i >= len(t.starts) {
		return nil
	}
	end := len(t.content)
	if i+1 < len(t.starts) {
		end = t.starts[i+1] - 1
	}
	return bytes.TrimSuffix(t.content[t.starts[i]:end], []byte("\r"))
}

// position converts a meshlint position (1-based line, 1-based rune
// column) to LSP's: 0-based, the column counted in UTF-16 code units,
// which is what the protocol requires and differs past the BMP.
func (t *text) position(p graph.Position) protocol.Position {
	line := max(p.Line-1, 0)
	runes := max(p.Column-1, 0)
	l := t.line(line)
	units := 0
	for i := 0; i < runes; i++ {
		if len(l) == 0 {
			units += runes - i // past the end (or no text): one unit per rune
			break
		}
		r, size := utf8.DecodeRune(l)
		l = l[size:]
		units += utf16.RuneLen(r)
	}
	return protocol.Position{Line: protocol.UInteger(line), Character: protocol.UInteger(units)}
}

// offset is the byte offset of an LSP position, clamped to the line.
func (t *text) offset(p protocol.Position) int {
	if int(p.Line) >= len(t.starts) {
		return len(t.content)
	}
	start := t.starts[p.Line]
	l := t.line(int(p.Line))
	off, units := 0, 0
	for off < len(l) && units < int(p.Character) {
		r, size := utf8.DecodeRune(l[off:])
		off += size
		units += utf16.RuneLen(r)
	}
	return start + off
}

func (t *text) rangeOf(r graph.Range) protocol.Range {
	start := t.position(r.Start)
	end := start
	if r.End.Line > 0 {
		end = t.position(r.End)
	}
	return protocol.Range{Start: start, End: end}
}

// indent is the leading blanks of 0-based line i.
func (t *text) indent(i int) string {
	l := t.line(i)
	return string(l[:len(l)-len(bytes.TrimLeft(l, " \t"))])
}

// pathOf is the file path of a file:// URI; "" for any other scheme.
func pathOf(uri protocol.DocumentUri) string {
	u, err := url.Parse(string(uri))
	if err != nil || u.Scheme != "file" {
		return ""
	}
	p := u.Path
	if len(p) >= 3 && p[0] == '/' && p[2] == ':' { // file:///C:/x on Windows
		p = p[1:]
	}
	return filepath.Clean(filepath.FromSlash(p))
}

// uriOf is the file:// URI of an absolute path.
func uriOf(path string) protocol.DocumentUri {
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return protocol.DocumentUri((&url.URL{Scheme: "file", Path: p}).String())
}

// applyChange applies one incremental change to content.
func applyChange(content []byte, r protocol.Range, repl string) []byte {
	t := newText(content)
	from, to := t.offset(r.Start), t.offset(r.End)
	if to < from {
		from, to = to, from
	}
	out := make([]byte, 0, len(content)-(to-from)+len(repl))
	out = append(out, content[:from]...)
	out = append(out, repl...)
	return append(out, content[to:]...)
}
