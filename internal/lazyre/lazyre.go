// Package lazyre holds regular expressions that compile on first use
// rather than while the program starts: each run uses few of the
// patterns the catalogue declares, and `meshlint version` none.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a pattern compiled when first matched. A pattern that does not
// compile panics then, as regexp.MustCompile would have at start-up; the
// tests reach every one.
type Regexp struct {
	compile func() *regexp.Regexp
}

// New returns the lazily compiled pattern expr.
func New(expr string) *Regexp {
	return &Regexp{compile: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
}

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool { return r.compile().MatchString(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.compile().FindStringSubmatch(s) }

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.compile().ReplaceAllString(src, repl)
}
