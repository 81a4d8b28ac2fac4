package yamldoc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// Edit replaces the text of Range with NewText. Edits are how fixes
// change a file: found through the positioned node tree and applied to
// the bytes, so that everything they do not cover (comments, key order,
// quoting, indentation) stays as written. Each helper below refuses (ok
// false) a shape it cannot edit exactly, rather than edit approximately.
type Edit struct {
	Range   Range
	NewText string
}

// ByteOffset is the byte offset in content of p, counted as the loader
// counts columns (runes, after a byte-order mark on line 1); -1 when p is
// not in content. The position just past a line's last character, and
// the start of the line after the last line break, are in content.
func ByteOffset(content []byte, p Position) int { return newFileText(content).offset(p) }

// Fix is a set of edits that resolves one problem, and what it does.
type Fix struct {
	Message string
	Edits   []Edit
}

// ReplaceScalar returns the edit that writes value in place of the scalar
// at path, in the scalar's quoting style. It refuses block, multi-line,
// tagged and anchored scalars, and values the style cannot hold as is.
func (d *Document) ReplaceScalar(path, value string) (Edit, bool) {
	_, v, ok := d.Lookup(path)
	if !ok || v.Kind != yaml.ScalarNode || v.Anchor != "" || d.text == nil {
		return Edit{}, false
	}
	r := nodeRangeIn(v, d.text)
	old, ok := d.text.slice(r)
	if !ok || strings.Contains(old, "\n") {
		return Edit{}, false
	}
	var text string
	switch {
	case v.Style == 0 && old == v.Value && plainSafe(value):
		text = value
	case v.Style == yaml.SingleQuotedStyle && old == "'"+strings.ReplaceAll(v.Value, "'", "''")+"'":
		text = "'" + strings.ReplaceAll(value, "'", "''") + "'"
	case v.Style == yaml.DoubleQuotedStyle && strings.HasPrefix(old, `"`) && !strings.ContainsAny(value, "\"\\"):
		text = `"` + value + `"`
	default:
		return Edit{}, false
	}
	return Edit{Range: r, NewText: text}, true
}

// plainSafe reports whether s reads back as the same string when written
// as a plain scalar: the fixes write host names, versions and port names,
// so a conservative character set is enough.
func plainSafe(s string) bool {
	if s == "" || !isAlnum(rune(s[0])) {
		return false
	}
	for _, c := range s {
		if !isAlnum(c) && !strings.ContainsRune("-._/", c) {
			return false
		}
	}
	switch strings.ToLower(s) {
	case "true", "false", "yes", "no", "on", "off", "y", "n", "null", "~":
		return false
	}
	return strings.Trim(s, "0123456789.") != "" // not a number
}

func isAlnum(c rune) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// MappingLen is the number of entries of the mapping at path, -1 when
// there is none.
func (d *Document) MappingLen(path string) int {
	_, m, ok := d.Lookup(path)
	if !ok || m.Kind != yaml.MappingNode {
		return -1
	}
	return len(m.Content) / 2
}

// DeleteEntry returns the edit that removes key (its last occurrence) and
// its value from the block mapping at path.
func (d *Document) DeleteEntry(path, key string) (Edit, bool) {
	_, m, ok := d.Lookup(path)
	if !ok || m.Kind != yaml.MappingNode || d.text == nil {
		return Edit{}, false
	}
	for i := len(m.Content) - 2; i >= 0; i -= 2 {
		if k := m.Content[i]; k.Kind == yaml.ScalarNode && k.Value == key {
			return deleteEntryAt(d.text, m, i)
		}
	}
	return Edit{}, false
}

// deleteEntryAt removes the entry at Content index i of block mapping m:
// its whole lines when the key starts its line, else (the first key of a
// sequence item, after "- ") up to the next key. A value that defines an
// anchor is kept: an alias elsewhere may use it.
func deleteEntryAt(f *fileText, m *yaml.Node, i int) (Edit, bool) {
	k, v := m.Content[i], m.Content[i+1]
	if m.Style&yaml.FlowStyle != 0 || k.Kind != yaml.ScalarNode || hasAnchor(v) || hasAnchor(k) {
		return Edit{}, false
	}
	end := f.clamp(nodeEnd(v, f))
	if end.Before(f.clamp(nodeEnd(k, f))) {
		end = f.clamp(nodeEnd(k, f))
	}
	if !restIsComment(f, end) {
		return Edit{}, false
	}
	start := Position{k.Line, k.Column}
	if firstNonBlankColumn(f, k.Line) == k.Column {
		return Edit{Range: Range{Start: Position{k.Line, 1}, End: f.lineAfter(end.Line)}}, true
	}
	if i+2 >= len(m.Content) {
		return Edit{}, false
	}
	next := m.Content[i+2]
	return Edit{Range: Range{Start: start, End: Position{next.Line, next.Column}}}, true
}

// InsertEntry returns the edit that adds `key: value` as the last entry
// of the mapping at path. value is YAML text; a value that starts with a
// line break is a nested block, whose lines get the entry's indentation
// in front of their own.
func (d *Document) InsertEntry(path, key, value string) (Edit, bool) {
	_, m, ok := d.Lookup(path)
	if !ok || m.Kind != yaml.MappingNode || d.text == nil {
		return Edit{}, false
	}
	f := d.text
	if m.Style&yaml.FlowStyle != 0 {
		return insertFlowEntry(f, m, key, value)
	}
	if len(m.Content) == 0 {
		return Edit{}, false
	}
	last := f.clamp(nodeEnd(m.Content[len(m.Content)-1], f))
	if !restIsComment(f, last) {
		return Edit{}, false
	}
	indent := strings.Repeat(" ", m.Content[0].Column-1)
	sep := ": "
	if strings.HasPrefix(value, "\n") {
		sep = ":"
	}
	text := indent + key + sep + strings.ReplaceAll(value, "\n", "\n"+indent) + "\n"
	at := f.lineAfter(last.Line)
	if at.Line == last.Line { // the last line has no line break
		text = "\n" + strings.TrimSuffix(text, "\n")
	}
	return Edit{Range: Range{Start: at, End: at}, NewText: text}, true
}

// IndentStep is how many columns the block mapping at path is indented
// past its key, the file's indentation step there, for a nested value
// given to InsertEntry; 2 when it cannot tell (flow style, no key, one
// line).
func (d *Document) IndentStep(path string) int {
	k, m, ok := d.Lookup(path)
	if !ok || k == nil || m.Kind != yaml.MappingNode || m.Style&yaml.FlowStyle != 0 || len(m.Content) == 0 {
		return 2
	}
	if first := m.Content[0]; first.Line > k.Line && first.Column > k.Column {
		return first.Column - k.Column
	}
	return 2
}

// insertFlowEntry adds an entry to a flow mapping ({a: b}) on one line.
func insertFlowEntry(f *fileText, m *yaml.Node, key, value string) (Edit, bool) {
	if strings.Contains(value, "\n") {
		return Edit{}, false
	}
	r := nodeRangeIn(m, f)
	if r.Start.Line != r.End.Line {
		return Edit{}, false
	}
	if len(m.Content) == 0 {
		at := Position{r.End.Line, r.End.Column - 1} // before the closing brace
		return Edit{Range: Range{Start: at, End: at}, NewText: key + ": " + value}, true
	}
	at := f.clamp(nodeEnd(m.Content[len(m.Content)-1], f))
	return Edit{Range: Range{Start: at, End: at}, NewText: ", " + key + ": " + value}, true
}

// Block returns the document's text as the file holds it, from the line
// of its `---` marker (or the top of the file for the first document) to
// the next marker, and its range; ok is false for a List item or a
// document that shares its chunk with another: those cannot be moved
// alone.
func (d *Document) Block() (text string, r Range, ok bool) {
	if d.src == nil || !d.src.alone || len(d.src.items) > 0 || d.text == nil || d.src.end > len(d.text.content) {
		return "", Range{}, false
	}
	text = string(d.text.content[d.src.start:d.src.end])
	start := Position{d.src.firstLine, 1}
	lines := strings.Count(text, "\n")
	end := Position{start.Line + lines, 1}
	if !strings.HasSuffix(text, "\n") {
		last := text[strings.LastIndexByte(text, '\n')+1:]
		end = Position{start.Line + lines, 1 + utf8.RuneCountInString(last)}
	}
	if start.Line == 1 && bytes.HasPrefix(d.text.content, []byte("\ufeff")) {
		return "", Range{}, false // a moved byte-order mark would land mid-file
	}
	return text, Range{Start: start, End: end}, true
}

// hasAnchor reports whether n or a node under it defines an anchor.
func hasAnchor(n *yaml.Node) bool {
	if n.Anchor != "" {
		return true
	}
	for _, c := range n.Content {
		if c.Kind != yaml.AliasNode && hasAnchor(c) {
			return true
		}
	}
	return false
}

// restIsComment reports whether the line of p holds nothing after p but
// blanks and a comment.
func restIsComment(f *fileText, p Position) bool {
	l, ok := f.line(p.Line)
	if !ok {
		return false
	}
	off := columnOffset(l, p.Column)
	if off < 0 {
		return false
	}
	rest := bytes.TrimLeft(l[off:], " \t")
	return len(rest) == 0 || rest[0] == '#'
}

// lineAfter is the start of the line after line, or the end of line when
// it is the last and has no line break.
func (f *fileText) lineAfter(line int) Position {
	if f.lineStart(line+1) >= 0 {
		return Position{line + 1, 1}
	}
	return Position{line, lineEndColumn(f, line)}
}

// slice is the text of r.
func (f *fileText) slice(r Range) (string, bool) {
	a, b := f.offset(r.Start), f.offset(r.End)
	if a < 0 || b < a {
		return "", false
	}
	return string(f.content[a:b]), true
}

// offset is ByteOffset in f.
func (f *fileText) offset(p Position) int {
	start := f.lineStart(p.Line)
	if start < 0 {
		return -1
	}
	l, _ := f.line(p.Line)
	off := columnOffset(l, p.Column)
	if off < 0 {
		return -1
	}
	return start + off
}
