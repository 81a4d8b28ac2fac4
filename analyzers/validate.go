package analyzers

import (
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/internal/lazyre"
)

var (
	idPattern    = lazyre.New(`^ML[0-9]{4}$`)
	namePattern  = lazyre.New(`^[a-z][a-z0-9]*(-[a-z0-9]+)*$`)
	istioPattern = lazyre.New(`^IST[0-9]{4}$`)
	optionName   = lazyre.New(`^[a-z][a-zA-Z0-9]*$`)
)

// Validate checks the catalogue: unique well-formed IDs and names, a
// known severity, a one-line summary, documentation with a bad and a good
// example, and a check function.
func Validate(rules []*Rule) error {
	var problems []string
	ids, names := map[string]bool{}, map[string]bool{}
	for _, r := range rules {
		bad := func(format string, args ...any) {
			problems = append(problems, fmt.Sprintf("%s %s: ", r.ID, r.Name)+fmt.Sprintf(format, args...))
		}
		if !idPattern.MatchString(r.ID) {
			bad("ID must be ML followed by four digits")
		}
		if !namePattern.MatchString(r.Name) {
			bad("name must be kebab-case")
		}
		if ids[r.ID] || names[r.Name] {
			bad("duplicate ID or name")
		}
		ids[r.ID], names[r.Name] = true, true
		if r.Severity < SeverityInfo || r.Severity > SeverityError {
			bad("unknown severity")
		}
		if r.Summary == "" || strings.Contains(r.Summary, "\n") || strings.HasSuffix(r.Summary, ".") {
			bad("summary must be one line without a final period")
		}
		if doc := r.DocText(); !strings.Contains(doc, "### Bad") || !strings.Contains(doc, "### Good") {
			bad("doc needs a \"### Bad\" and a \"### Good\" example")
		}
		for _, c := range r.Istio {
			if !istioPattern.MatchString(c) {
				bad("istio code %q is not ISTnnnn", c)
			}
		}
		if r.Since == "" {
			bad("since is not set")
		}
		if r.Run == nil {
			bad("no Run function")
		}
		validateOptions(r, bad)
	}
	if len(problems) > 0 {
		return fmt.Errorf("invalid rule catalogue:\n  %s", strings.Join(problems, "\n  "))
	}
	return nil
}

// validateOptions checks that option names are lowerCamelCase, unique, and
// documented.
func validateOptions(r *Rule, bad func(string, ...any)) {
	seen := map[string]bool{}
	for _, o := range r.Options {
		if !optionName.MatchString(o.OptionName()) || seen[o.OptionName()] {
			bad("option %q must be lowerCamelCase and unique", o.OptionName())
		}
		seen[o.OptionName()] = true
		if o.OptionDoc() == "" {
			bad("option %q has no doc", o.OptionName())
		}
	}
}
