package analyzers

import (
	"fmt"
	"strings"
)

// Markdown renders a rule's documentation page: title, metadata, then the
// rule's own text. `meshlint explain`, `meshlint rules --format markdown`
// and docs/rules/ all use it, so they cannot drift apart.
func (r *Rule) Markdown() string {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s %s\n\n", r.ID, r.Name)
	fmt.Fprintf(&b, "%s.\n\n", capitalize(r.Summary))
	fmt.Fprintf(&b, "| | |\n|---|---|\n")
	fmt.Fprintf(&b, "| Severity | %s |\n", r.Severity)
	fmt.Fprintf(&b, "| Category | %s (ML%cxxx) |\n", r.Category().Name, r.Category().Digit)
	istio := "none"
	if len(r.Istio) > 0 {
		istio = strings.Join(r.Istio, ", ")
	}
	fmt.Fprintf(&b, "| istioctl analyze | %s |\n", istio)
	fmt.Fprintf(&b, "| Since | %s |\n\n", r.Since)
	b.WriteString(strings.TrimSpace(r.Doc))
	b.WriteString("\n")
	return b.String()
}

// FirstParagraph is the rule's description without the examples: the
// first paragraph of Doc, for one-screen help and SARIF fullDescription.
func (r *Rule) FirstParagraph() string {
	p, _, _ := strings.Cut(strings.TrimSpace(r.Doc), "\n\n")
	return p
}

// CatalogueMarkdown renders the index of all rules, grouped by category.
func CatalogueMarkdown(rules []*Rule) string {
	var b strings.Builder
	b.WriteString("# meshlint rules\n\n")
	b.WriteString("Generated from the rule metadata by `meshlint rules --format markdown`; do not edit.\n")
	for _, c := range Categories {
		var in []*Rule
		for _, r := range rules {
			if r.Category().Digit == c.Digit {
				in = append(in, r)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(&b, "\n## ML%cxxx — %s\n\n| ID | name | severity | istioctl | summary |\n|---|---|---|---|---|\n", c.Digit, c.Name)
		for _, r := range in {
			fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, strings.Join(r.Istio, ", "), r.Summary)
		}
	}
	return b.String()
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
