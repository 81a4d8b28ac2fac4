package report

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/meshlint/meshlint/analyzers"
)

// The rule catalogue: `meshlint rules`, `meshlint explain` and docs/rules
// all render rule metadata through these functions, so that they cannot
// drift apart.

// CatalogueFormats lists the formats of WriteCatalogue.
func CatalogueFormats() []string { return []string{"text", "json", "markdown"} }

// WriteCatalogue renders the rules in one of CatalogueFormats ("md" is
// accepted for markdown).
func WriteCatalogue(w io.Writer, format string, rules []*analyzers.Rule) error {
	switch format {
	case "text":
		return catalogueText(w, rules)
	case "json":
		return catalogueJSON(w, rules)
	case "markdown", "md":
		_, err := io.WriteString(w, CatalogueMarkdown(rules))
		return err
	}
	return &UnknownFormatError{Format: format, Known: CatalogueFormats()}
}

// catalogueText is a table for a terminal.
func catalogueText(w io.Writer, rules []*analyzers.Rule) error {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tLANG\tFIX\tISTIOCTL\tSUMMARY")
	for _, r := range rules {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\n", r.ID, r.Name, r.Severity, r.Language(), fixMark(r), strings.Join(r.Istio, ","), r.Summary)
	}
	return tw.Flush()
}

// fixMark is "fix" for a rule that attaches fixes --fix applies.
func fixMark(r *analyzers.Rule) string {
	if r.Fixable {
		return "fix"
	}
	return ""
}

// catalogueEntry is the machine-readable form of a rule.
type catalogueEntry struct {
	ID          string   `json:"id"`
	Name        string   `json:"name"`
	Severity    string   `json:"severity"`
	Category    string   `json:"category"`
	Summary     string   `json:"summary"`
	Description string   `json:"description"`
	Istio       []string `json:"istio"`
	// IstioAnalyzers are the istioctl analyzers the rule reproduces.
	IstioAnalyzers []string `json:"istioAnalyzers"`
	Since          string   `json:"since"`
	URL            string   `json:"url"`
	// Language is "go" or "rego"; Policy is a Rego rule's query and file.
	Language string `json:"language"`
	Policy   string `json:"policy,omitempty"`
	// Options is omitted for rules without options: fields are added, never changed.
	Options []catalogueOption `json:"options,omitempty"`
	// Fixable: the rule attaches fixes that --fix applies (added field).
	Fixable bool `json:"fixable"`
}

// catalogueOption is a rule option; Default is written as YAML.
type catalogueOption struct {
	Name    string `json:"name"`
	Doc     string `json:"doc"`
	Default string `json:"default"`
}

func catalogueJSON(w io.Writer, rules []*analyzers.Rule) error {
	out := make([]catalogueEntry, 0, len(rules))
	for _, r := range rules {
		istio := r.Istio
		if istio == nil {
			istio = []string{} // "istio": [] rather than null
		}
		analyzers := r.IstioAnalyzers
		if analyzers == nil {
			analyzers = []string{}
		}
		e := catalogueEntry{r.ID, r.Name, r.Severity.String(), r.Category().Name, r.Summary, r.DocText(), istio, analyzers, r.Since, r.DocURL(), r.Language(), r.Policy, nil, r.Fixable}
		for _, o := range r.Options {
			e.Options = append(e.Options, catalogueOption{o.OptionName(), o.OptionDoc(), o.DefaultText()})
		}
		out = append(out, e)
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// RulePage renders a rule's documentation page: title, metadata, then the
// rule's own text.
func RulePage(r *analyzers.Rule) string {
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
	if r.Policy != "" {
		fmt.Fprintf(&b, "| Written in | Rego: `%s` |\n", r.Policy)
	}
	if r.Fixable {
		fmt.Fprintf(&b, "| Fix | yes: `meshlint --fix` applies the fixes its findings carry (see the README's Fixes) |\n")
	}
	fmt.Fprintf(&b, "| Since | %s |\n\n", r.Since)
	b.WriteString(strings.TrimSpace(r.DocText()))
	b.WriteString("\n")
	writeOptions(&b, r)
	return b.String()
}

// CatalogueMarkdown renders the index of the rules, grouped by category,
// linking to each rule's page (<ID>.md beside it).
func CatalogueMarkdown(rules []*analyzers.Rule) string {
	var b strings.Builder
	b.WriteString("# meshlint rules\n\n")
	b.WriteString("Generated from the rule metadata by `meshlint rules --format markdown`; do not edit.\n")
	for _, c := range analyzers.Categories {
		var in []*analyzers.Rule
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
			summary := r.Summary
			if r.Policy != "" {
				summary += " (Rego)"
			}
			if r.Fixable {
				summary += " (fix)"
			}
			fmt.Fprintf(&b, "| [%s](%s.md) | %s | %s | %s | %s |\n", r.ID, r.ID, r.Name, r.Severity, strings.Join(r.Istio, ", "), summary)
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

// writeOptions documents a rule's options and how to set them.
func writeOptions(b *strings.Builder, r *analyzers.Rule) {
	if len(r.Options) == 0 {
		return
	}
	b.WriteString("\n### Options\n\nSet in `.meshlint.yaml` under `rules.options." + r.ID + "`:\n\n")
	b.WriteString("| option | default | what it changes |\n|---|---|---|\n")
	for _, o := range r.Options {
		fmt.Fprintf(b, "| `%s` | `%s` | %s |\n", o.OptionName(), o.DefaultText(), o.OptionDoc())
	}
	fmt.Fprintf(b, "\n```yaml\nrules:\n  options:\n    %s:\n      %s: %s\n```\n", r.ID, r.Options[0].OptionName(), r.Options[0].DefaultText())
}
