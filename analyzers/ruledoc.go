package analyzers

import (
	"fmt"
	"io/fs"
	"strings"
)

// MustDoc returns a rule's documentation: the Markdown file <id>.md of
// fsys. Each rule family embeds the files that sit beside its rules and
// sets every Rule's Doc with MustDoc, so the text is written and reviewed
// as Markdown rather than as Go strings. A missing or empty file panics
// while the family's package is initialized: no binary and no test runs
// with a rule whose documentation is lost.
func MustDoc(fsys fs.FS, id string) string {
	b, err := fs.ReadFile(fsys, id+".md")
	if err != nil {
		panic(fmt.Sprintf("rule %s: no documentation: %v", id, err))
	}
	if strings.TrimSpace(string(b)) == "" {
		panic(fmt.Sprintf("rule %s: documentation file %s.md is empty", id, id))
	}
	return string(b)
}
