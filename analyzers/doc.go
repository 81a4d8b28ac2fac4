package analyzers

import "strings"

// FirstParagraph is the rule's description without the examples: the
// first paragraph of Doc, for one-screen help and SARIF fullDescription.
func (r *Rule) FirstParagraph() string {
	p, _, _ := strings.Cut(strings.TrimSpace(r.Doc), "\n\n")
	return p
}
