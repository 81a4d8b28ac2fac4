package analyzers

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"

	"github.com/meshlint/meshlint/graph"
)

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
	// Key tells the finding apart from others of its rule on the same
	// field, for fingerprints: by default the message's format, its wording
	// without the values; a rule whose format says nothing (a bare "%s")
	// sets what identifies the mistake with WithKey. Never a hint that
	// depends on other files ("did you mean edge/public?").
	Key string
	// Fixes are suggested edits; empty unless the rule can repair the input.
	Fixes      []SuggestedFix
	Suppressed bool
}

// DocumentPath is Path from the top of the YAML document, which differs
// for an item of a `kind: List`: its fields are under items[i].
func (f *Finding) DocumentPath() string {
	if f.Resource == nil || f.Resource.Doc == nil || f.Resource.Doc.ItemPath == "" || f.Path == "" {
		return f.Path
	}
	return f.Resource.Doc.ItemPath + "." + f.Path
}

// Fingerprint identifies the finding across runs, for code scanning's
// alert tracking and for baselines. It hashes what the finding is about —
// rule, resource, field path and Key — and deliberately neither the line,
// so that adding lines above a resource does not turn a known finding into
// a new one, nor the message, whose hints change when other files do.
// File-level findings have no resource and use the file name and message
// (the loader's wording, which depends on that file alone).
func (f *Finding) Fingerprint() string {
	parts := []string{f.Rule.ID}
	if r := f.Resource; r != nil {
		parts = append(parts, r.Group, r.Kind, r.Namespace, r.Name, f.Path, f.Key)
	} else {
		parts = append(parts, f.Location.File, f.Message)
	}
	return hashParts(parts)
}

// FingerprintV1 is the fingerprint of baseline format 1, which hashed the
// message: baselines written with it still match what they recorded.
func (f *Finding) FingerprintV1() string {
	parts := []string{f.Rule.ID}
	if r := f.Resource; r != nil {
		parts = append(parts, r.Group, r.Kind, r.Namespace, r.Name, f.Path)
	} else {
		parts = append(parts, f.Location.File)
	}
	return hashParts(append(parts, f.Message))
}

// hashParts hashes fields joined by NUL, which cannot occur in YAML text,
// so that different fields cannot collide.
func hashParts(parts []string) string {
	sum := sha256.Sum256([]byte(strings.Join(parts, "\x00")))
	return hex.EncodeToString(sum[:])
}

// WithKey sets what identifies the finding among its rule's findings on
// the same field (see Key).
func (f *Finding) WithKey(parts ...string) *Finding {
	f.Key = strings.Join(parts, "\x00")
	return f
}

// WithSeverity gives the finding a severity other than its rule's default,
// for a case the rule knows to be usually intended (lower) or always
// harmful (higher). A severity set in the config still replaces it: the
// user's word on a rule applies to all its findings.
func (f *Finding) WithSeverity(s Severity) *Finding {
	f.Severity = s
	return f
}

// SuggestedFix is a set of edits that resolves a finding; Message says
// what it does ("replace networking.istio.io/v1alpha3 with ...").
type SuggestedFix struct {
	Message string
	Edits   []TextEdit
}

// TextEdit replaces the text of Location's range with NewText. The range
// is in lines and columns as every finding's (1-based, columns counted in
// characters, end exclusive); an empty range inserts.
type TextEdit struct {
	Location graph.Location
	NewText  string
}

// WithFix attaches a suggested fix whose edits are in the finding's file.
// Rules call it only with edits the document helpers returned (which
// refuse what they cannot edit exactly), so a fix never guesses.
func (f *Finding) WithFix(message string, edits ...graph.Edit) *Finding {
	if len(edits) == 0 {
		return f
	}
	fix := SuggestedFix{Message: message}
	for _, e := range edits {
		fix.Edits = append(fix.Edits, TextEdit{Location: graph.Location{File: f.Location.File, Range: e.Range}, NewText: e.NewText})
	}
	f.Fixes = append(f.Fixes, fix)
	return f
}

// FixValue attaches the fix that writes value in place of the scalar at
// path of the finding's resource, unless the scalar cannot be rewritten
// exactly (a block scalar, an anchor, a value its quoting cannot hold).
func (f *Finding) FixValue(path, value, message string) *Finding {
	if f.Resource == nil || f.Resource.Doc == nil {
		return f
	}
	if e, ok := f.Resource.Doc.ReplaceScalar(path, value); ok {
		f.WithFix(message, e)
	}
	return f
}

// Less orders findings by file, line, column, rule ID, then message, which
// makes output deterministic.
func Less(a, b *Finding) bool {
	la, lb := a.Location, b.Location
	switch {
	case la.File != lb.File:
		return la.File < lb.File
	case la.Start != lb.Start:
		return la.Start.Before(lb.Start)
	case a.Rule.ID != b.Rule.ID:
		return a.Rule.ID < b.Rule.ID
	}
	return a.Message < b.Message
}
