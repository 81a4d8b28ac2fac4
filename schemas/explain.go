package schemas

import (
	"github.com/meshlint/meshlint/graph/fieldpath"
)

// An object the check rejects is walked again, along the failing branches
// only, to list what is wrong with it: the failures a JSON Schema
// validator reports as the innermost errors. A failed oneOf, anyOf or not
// is one failure (its alternatives' mismatches are not mistakes); a failed
// allOf is the failures of its branches. A value of the wrong type fails
// only its type, as in the library, whose order of keywords is kept: of two
// failures of one field of one kind, wording keeps the first.

// failure is one keyword a value does not satisfy, with what wording needs.
type failure struct {
	keyword string
	node    map[string]any   // the converted schema node holding the keyword
	oneOf   []map[string]any // for oneOf, the nodes of its branches
	path    string           // the value's field path
	value   any
	depth   int    // how many keys and indexes lead to the value
	message string // a validator's own words, for a keyword wording does not know
}

// location is where a value is in the object: the key or index that leads
// to it from its parent (nil: the object itself).
type location struct {
	parent *location
	key    string
	index  int // -1: key
	depth  int
}

func (l *location) child(key string) *location {
	return &location{parent: l, key: key, index: -1, depth: l.level() + 1}
}

func (l *location) item(i int) *location {
	return &location{parent: l, index: i, depth: l.level() + 1}
}

func (l *location) level() int {
	if l == nil {
		return 0
	}
	return l.depth
}

func (l *location) path() string {
	if l == nil {
		return ""
	}
	if l.index >= 0 {
		return fieldpath.Index(l.parent.path(), l.index)
	}
	return fieldpath.Join(l.parent.path(), l.key)
}

// explain lists the failures of v, which the check rejects.
func (c *check) explain(v any) []failure {
	var out []failure
	c.explainAt(v, nil, &out)
	return out
}

// explainAt appends the failures of v, at at, keyword by keyword in the
// library's order.
func (c *check) explainAt(v any, at *location, out *[]failure) {
	if c.pending != nil {
		c.compiled.Do(c.compilePending)
	}
	fail := func(keyword string) {
		f := failure{keyword: keyword, node: c.doc, path: at.path(), value: v, depth: at.level()}
		if keyword == "oneOf" {
			for _, b := range c.oneOf {
				f.oneOf = append(f.oneOf, b.doc)
			}
		}
		*out = append(*out, f)
	}
	if c.types != 0 && !c.types.has(v) {
		fail("type")
		return
	}
	if c.enum != nil && !inEnum(c.enum, v) {
		fail("enum")
	}
	if c.format != nil && !c.format(v) {
		fail("format")
	}
	for _, b := range c.bounds { // those of v's type, before its properties, items or pattern
		if !b.holds(v) {
			fail(b.keyword)
		}
	}
	switch v := v.(type) {
	case map[string]any:
		c.explainObject(v, at, out, fail)
	case []any:
		if c.items != nil {
			for i, item := range v {
				if !c.items.validNode(item) {
					c.items.explainAt(item, at.item(i), out)
				}
			}
		}
	case string:
		if c.pattern != nil && !c.pattern.MatchString(v) {
			fail("pattern")
		}
	}
	c.explainCombinators(v, at, out, fail)
}

func (c *check) explainObject(v map[string]any, at *location, out *[]failure, fail func(string)) {
	for _, name := range c.required {
		if _, ok := v[name]; !ok {
			fail("required")
			break
		}
	}
	unknown := false
	for k, val := range v {
		p, ok := c.props[k]
		switch {
		case ok:
		case c.extra != nil:
			p = c.extra
		default:
			unknown = true
			continue
		}
		if !p.validNode(val) {
			p.explainAt(val, at.child(k), out)
		}
	}
	if unknown && c.closed {
		fail("additionalProperties")
	}
}

func (c *check) explainCombinators(v any, at *location, out *[]failure, fail func(string)) {
	if c.not != nil && c.not.validNode(v) {
		fail("not")
	}
	for _, s := range c.allOf {
		if !s.validNode(v) {
			s.explainAt(v, at, out)
		}
	}
	if c.anyOf != nil && !anyValid(c.anyOf, v) {
		fail("anyOf")
	}
	if c.oneOf != nil && countMatches(c.oneOf, v) != 1 {
		fail("oneOf")
	}
}
