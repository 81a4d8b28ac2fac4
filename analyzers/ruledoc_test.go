package analyzers_test

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/meshlint/meshlint/analyzers"
)

func TestMustDoc(t *testing.T) {
	fsys := fstest.MapFS{
		"ML1102.md": {Data: []byte("Text.\n\n### Bad\n\n### Good\n")},
		"ML1103.md": {Data: []byte(" \n\n")},
	}
	if got := analyzers.MustDoc(fsys, "ML1102")(); got != "Text.\n\n### Bad\n\n### Good\n" {
		t.Errorf("MustDoc = %q", got)
	}
	for id, want := range map[string]string{"ML1103": "empty", "ML1104": "no documentation"} {
		func() {
			defer func() {
				p := recover()
				if s, _ := p.(string); !strings.Contains(s, id) || !strings.Contains(s, want) {
					t.Errorf("MustDoc(%s) panicked with %v, want a message naming the rule and saying %q", id, p, want)
				}
			}()
			analyzers.MustDoc(fsys, id)()
		}()
	}
}
