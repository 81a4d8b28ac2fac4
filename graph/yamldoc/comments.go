package yamldoc

import (
	"bytes"
	"slices"
	"sort"
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
	lf.setSubjects(found)
	return found
}

// setSubjects fills in Comment.Subject, from the last comment up: a
// comment stacked above another takes that one's subject, so that every
// line is read once however many comments stack (hostile files).
func (lf *LoadedFile) setSubjects(cs []Comment) {
	below := Comment{} // the nearest alone comment below; Line 0 (no line) until one is
	for i := len(cs) - 1; i >= 0; i-- {
		c := &cs[i]
		if !c.Alone {
			c.Subject = c.Line
			continue
		}
		n := c.Line + 1
		for n != below.Line {
			l, ok := lf.text.line(n)
			if !ok || !bytes.HasPrefix(bytes.TrimLeft(l, " \t"), []byte("#")) {
				break
			}
			n++
		}
		if n == below.Line {
			n = below.Subject
		}
		c.Subject = n
		below = *c
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
	// Scalars do not overlap: sorted by start, the one that may cover a
	// position is the last to start before it (hostile files hold many).
	slices.SortFunc(ranges, func(a, b Range) int { return comparePositions(a.Start, b.Start) })
	var out []Comment
	for _, c := range cands {
		if c, ok := lf.afterScalars(c, ranges); ok && strings.Contains(c.Text, substr) {
			out = append(out, c)
		}
	}
	return out
}

func comparePositions(a, b Position) int {
	switch {
	case a.Before(b):
		return -1
	case b.Before(a):
		return 1
	}
	return 0
}

// covering returns the range of sorted ranges that covers p, if any.
func covering(ranges []Range, p Position) (Range, bool) {
	i := sort.Search(len(ranges), func(i int) bool { return p.Before(ranges[i].Start) })
	if i == 0 || !p.Before(ranges[i-1].End) {
		return Range{}, false
	}
	return ranges[i-1], true
}

// afterScalars returns c if no scalar range covers it, else the next
// comment on its line after the covering scalar, if any.
func (lf *LoadedFile) afterScalars(c Comment, ranges []Range) (Comment, bool) {
	for {
		r, inside := covering(ranges, Position{c.Line, c.Column})
		if !inside {
			return c, true
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
		c = rest
	}
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
