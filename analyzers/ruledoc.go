package analyzers

import (
	"fmt"
	"io/fs"
	"strings"
	"sync"
)

// Doc returns a rule's Markdown documentation. It is a function so that
// the text is read when something shows it (meshlint rules, explain,
// SARIF), not copied out of the binary at every start: read while the
// packages were initialized, the catalogue's 270 KB of Markdown were
// meshlint's own largest start-up cost.
type Doc func() string

// TextDoc is a Doc whose text is already at hand (a Rego policy's
// METADATA, a test).
func TextDoc(text string) Doc { return func() string { return text } }

// MustDoc returns a rule's documentation: the Markdown file <id>.md of
// fsys. Each rule family embeds the files that sit beside its rules and
// sets every Rule's Doc with MustDoc, so the text is written and reviewed
// as Markdown rather than as Go strings. A missing file panics while the
// family's package is initialized, an empty one when it is read (the
// catalogue's tests read every doc): no binary and no test runs with a
// rule whose documentation is lost.
func MustDoc(fsys fs.FS, id string) Doc {
	name := id + ".md"
	if _, err := fs.Stat(fsys, name); err != nil {
		panic(fmt.Sprintf("rule %s: no documentation: %v", id, err))
	}
	return sync.OnceValue(func() string {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			panic(fmt.Sprintf("rule %s: no documentation: %v", id, err))
		}
		if strings.TrimSpace(string(b)) == "" {
			panic(fmt.Sprintf("rule %s: documentation file %s is empty", id, name))
		}
		return string(b)
	})
}
