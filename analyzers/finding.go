package analyzers

import "github.com/meshlint/meshlint/graph"

// Finding is one diagnostic: a rule, a message and a precise location.
type Finding struct {
	Rule     *Rule
	Severity Severity // effective severity (default or overridden)
	Message  string
	// Resource is the object the finding is about; nil for file-level
	// findings such as YAML syntax errors.
	Resource *graph.Resource
	// Path is the field path inside Resource, e.g. spec.http[0].route[1].destination.subset.
	Path     string
	Location graph.Location
	Related  []graph.RelatedLocation
	// Fixes are suggested edits; empty unless the rule can repair the input.
	Fixes      []SuggestedFix
	Suppressed bool
}

// SuggestedFix is a set of edits that resolves a finding.
type SuggestedFix struct {
	Message string
	Edits   []TextEdit
}

// TextEdit replaces the text of Location's range with NewText.
type TextEdit struct {
	Location graph.Location
	NewText  string
}

// Less orders findings by file, line, column, rule ID, then message, which
// makes output deterministic.
func Less(a, b *Finding) bool {
	la, lb := a.Location, b.Location
	switch {
	case la.File != lb.File:
		return la.File < lb.File
	case la.Start.Line != lb.Start.Line:
		return la.Start.Line < lb.Start.Line
	case la.Start.Column != lb.Start.Column:
		return la.Start.Column < lb.Start.Column
	case a.Rule.ID != b.Rule.ID:
		return a.Rule.ID < b.Rule.ID
	}
	return a.Message < b.Message
}
