package graph

import "testing"

func TestComments(t *testing.T) {
	g := loadFiles(t, DefaultOptions(),
		"a.yaml", lines("apiVersion: v1", "kind: Service", "metadata:", "  name: a  # meshlint:ignore ML1102 why"),
		"b.yaml", lines("# just a comment", "apiVersion: v1", "kind: Service", "metadata:", "  name: b"),
	)
	got := g.Comments("meshlint:")
	if len(got) != 1 || len(got["a.yaml"]) != 1 {
		t.Fatalf("Comments = %+v, want one comment in a.yaml", got)
	}
	if c := got["a.yaml"][0]; c.Line != 4 || c.Column != 12 || c.Text != "meshlint:ignore ML1102 why" || c.Alone {
		t.Errorf("comment = %+v", c)
	}
}
