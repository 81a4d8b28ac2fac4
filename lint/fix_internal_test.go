package lint

import "testing"

// TestReparses: a file whose fixed content would parse worse than before
// is not written.
func TestReparses(t *testing.T) {
	before := []byte("a: 1\n---\nb: 2\n")
	for _, tt := range []struct {
		after string
		want  bool
	}{
		{"a: 2\n---\nb: 2\n", true},
		{"a: [\n---\nb: 2\n", false}, // a syntax error
		{"a: 1\nb: 2\n", false},      // a document lost
	} {
		if got := reparses("f.yaml", before, []byte(tt.after)); got != tt.want {
			t.Errorf("reparses(%q) = %v, want %v", tt.after, got, tt.want)
		}
	}
}
