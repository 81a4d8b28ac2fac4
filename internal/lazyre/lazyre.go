// Package lazyre holds regular expressions that compile on first use
// rather than while the program starts: each run uses few of the
// patterns the catalogue declares, and `meshlint version` none.
package lazyre

import (
	"regexp"
	"sync"
)

// Regexp is a pattern compiled when first matched. A pattern that does not
// compile panics then, as regexp.MustCompile would have at start-up;
// CheckAll, which a test of the command runs, compiles every one.
type Regexp struct {
	expr    string
	compile func() *regexp.Regexp
}

// declared is every pattern New made, for CheckAll.
var (
	declaredMu sync.Mutex
	declared   []*Regexp
)

// New returns the lazily compiled pattern expr.
func New(expr string) *Regexp {
	r := &Regexp{expr: expr, compile: sync.OnceValue(func() *regexp.Regexp { return regexp.MustCompile(expr) })}
	declaredMu.Lock()
	declared = append(declared, r)
	declaredMu.Unlock()
	return r
}

// CheckAll compiles every pattern declared so far and returns the first
// error: what MustCompile at start-up would have caught.
func CheckAll() error {
	declaredMu.Lock()
	defer declaredMu.Unlock()
	for _, r := range declared {
		if _, err := regexp.Compile(r.expr); err != nil {
			return err
		}
	}
	return nil
}

// MatchString is regexp.Regexp.MatchString.
func (r *Regexp) MatchString(s string) bool { return r.compile().MatchString(s) }

// FindStringSubmatch is regexp.Regexp.FindStringSubmatch.
func (r *Regexp) FindStringSubmatch(s string) []string { return r.compile().FindStringSubmatch(s) }

// ReplaceAllString is regexp.Regexp.ReplaceAllString.
func (r *Regexp) ReplaceAllString(src, repl string) string {
	return r.compile().ReplaceAllString(src, repl)
}

// Match is regexp.Regexp.Match.
func (r *Regexp) Match(b []byte) bool { return r.compile().Match(b) }

// ReplaceAll is regexp.Regexp.ReplaceAll.
func (r *Regexp) ReplaceAll(src, repl []byte) []byte { return r.compile().ReplaceAll(src, repl) }
