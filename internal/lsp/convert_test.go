package lsp

import (
	"testing"

	protocol "github.com/tliron/glsp/protocol_3_16"

	"github.com/meshlint/meshlint/graph"
)

// meshlint counts columns in runes from 1; LSP counts UTF-16 code units
// from 0, so a character outside the BMP (an emoji) counts twice.
func TestPositionUTF16(t *testing.T) {
	txt := newText([]byte("a: b\r\nnote: \"😀 é\" # x\nlast"))
	for _, c := range []struct {
		in   graph.Position
		want protocol.Position
	}{
		{graph.Position{Line: 1, Column: 1}, protocol.Position{Line: 0, Character: 0}},
		{graph.Position{Line: 1, Column: 4}, protocol.Position{Line: 0, Character: 3}},
		{graph.Position{Line: 2, Column: 8}, protocol.Position{Line: 1, Character: 7}},   // the emoji's start
		{graph.Position{Line: 2, Column: 9}, protocol.Position{Line: 1, Character: 9}},   // after it: two units
		{graph.Position{Line: 2, Column: 11}, protocol.Position{Line: 1, Character: 11}}, // é is one unit
		{graph.Position{Line: 3, Column: 9}, protocol.Position{Line: 2, Character: 8}},   // past the end of the text
	} {
		if got := txt.position(c.in); got != c.want {
			t.Errorf("%+v: got %+v, want %+v", c.in, got, c.want)
		}
	}
}

func TestApplyChangeUTF16(t *testing.T) {
	in := []byte("x: \"😀a\"\ny: 1\n")
	// Replace the "a" after the emoji: character 6 (the emoji is 4-5).
	got := applyChange(in, protocol.Range{Start: protocol.Position{Line: 0, Character: 6}, End: protocol.Position{Line: 0, Character: 7}}, "b")
	if string(got) != "x: \"😀b\"\ny: 1\n" {
		t.Errorf("got %q", got)
	}
}

func TestURIRoundTrip(t *testing.T) {
	for _, p := range []string{"/tmp/a b/c.yaml", "/x/ü#1.yaml"} {
		if got := pathOf(uriOf(p)); got != p {
			t.Errorf("%s: %s gives %s", p, uriOf(p), got)
		}
	}
	if got := pathOf("file:///tmp/a%20b/c.yaml"); got != "/tmp/a b/c.yaml" {
		t.Errorf("decoding: %s", got)
	}
	if pathOf("untitled:Untitled-1") != "" {
		t.Error("an untitled buffer has no path")
	}
}
