package yamldoc

import (
	"bytes"
	"strings"
	"unicode/utf8"

	yaml "go.yaml.in/yaml/v3"
)

// Comment is a YAML comment of a file: where its `#` is and its text.
type Comment struct {
	Line, Column int // of the `#`, 1-based
	// EndColumn is the column after the comment's last character.
	EndColumn int
	// Text is what follows the `#`, trimmed.
	Text string
	// Alone is true when nothing but blanks precedes the comment on its
	// line: it is about the line after it, not its own.
	Alone bool
	// Subject is the line the comment is about: its own when it follows
	// content, else the next line that is not only a comment (comments
	// stack above a line). A blank line ends the stack: it is the subject.
	Subject int
}

// Comments returns the file's comments whose text contains substr ("" for
// every comment), in file order. A `#` is a comment where YAML says so: at
// the start of a line or after a blank, and not inside a quoted or block
// scalar, which the documents' node trees tell. yaml.v3 attaches comments
// to nodes without their lines (a foot comment has none), so the lines
// come from the text and the trees only rule out scalars.
func (lf *LoadedFile) Comments(substr string) []Comment {
	if lf.text == nil || !bytes.Contains(lf.text.content, []byte(substr)) {
		return nil
	}
	var found []Comment
	for i := 1; ; i++ {
		l, ok := lf.text.line(i)
		if !ok {
			break
		}
		if c, ok := commentOn(l, i); ok && strings.Contains(c.Text, substr) {
			found = append(found, c)
		}
	}
	if len(found) == 0 {
		return nil
	}
	found = lf.outsideScalars(found, substr)
	for i, c := range found {
		found[i].Subject = lf.subject(c)
	}
	return found
}

// subject finds the line c is about (see Comment.Subject).
func (lf *LoadedFile) subject(c Comment) int {
	if !c.Alone {
		return c.Line
	}
	n := c.Line + 1
	for {
		l, ok := lf.text.line(n)
		if !ok || !bytes.HasPrefix(bytes.TrimLeft(l, " \t"), []byte("#")) {
			return n
		}
		n++
	}
}

// commentOn finds the first `#` of line l (number n) that may start a
// comment, ignoring scalars, which outsideScalars rules out afterwards.
func commentOn(l []byte, n int) (Comment, bool) {
	for off := 0; off < len(l); off++ {
		if l[off] != '#' || off > 0 && l[off-1] != ' ' && l[off-1] != '\t' {
			continue
		}
		col := 1 + utf8.RuneCount(l[:off])
		return Comment{
			Line: n, Column: col, EndColumn: 1 + utf8.RuneCount(l),
			Text:  strings.TrimSpace(string(l[off+1:])),
			Alone: len(bytes.TrimLeft(l[:off], " \t")) == 0,
		}, true
	}
	return Comment{}, false
}

// outsideScalars drops the candidates that lie inside a quoted or block
// scalar of one of the file's documents. A quoted scalar on the candidate's
// line may end before its `#`: the candidate is then looked for again
// after the scalar.
func (lf *LoadedFile) outsideScalars(cands []Comment, substr string) []Comment {
	var ranges []Range
	for _, d := range lf.Documents {
		walkNodes(d.Root(), func(n *yaml.Node) {
			if n.Kind == yaml.ScalarNode && n.Style&(yaml.SingleQuotedStyle|yaml.DoubleQuotedStyle|yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
				ranges = append(ranges, nodeRangeIn(n, lf.text))
			}
		})
	}
	var out []Comment
	for _, c := range cands {
		if c, ok := lf.afterScalars(c, ranges); ok && strings.Contains(c.Text, substr) {
			out = append(out, c)
		}
	}
	return out
}

// afterScalars returns c if no scalar range covers it, else the next
// comment on its line after the covering scalar, if any.
func (lf *LoadedFile) afterScalars(c Comment, ranges []Range) (Comment, bool) {
	for _, r := range ranges {
		p := Position{c.Line, c.Column}
		if p.Before(r.Start) || !p.Before(r.End) {
			continue
		}
		if r.End.Line != c.Line {
			return Comment{}, false
		}
		l, _ := lf.text.line(c.Line)
		off := columnOffset(l, r.End.Column)
		if off < 0 {
			return Comment{}, false
		}
		rest, ok := commentOn(l[off:], c.Line)
		if !ok {
			return Comment{}, false
		}
		rest.Column += r.End.Column - 1
		rest.EndColumn += r.End.Column - 1
		rest.Alone = false
		return lf.afterScalars(rest, ranges)
	}
	return c, true
}

// walkNodes calls fn for n and every node below it, not following aliases.
func walkNodes(n *yaml.Node, fn func(*yaml.Node)) {
	if n == nil {
		return
	}
	fn(n)
	for _, c := range n.Content {
		walkNodes(c, fn)
	}
}
