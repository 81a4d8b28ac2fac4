package schemas

import (
	"cmp"
	"math"
	"math/big"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"unicode/utf8"
)

// The JSON Schema, converted node by node as objects reach it, is compiled
// into a check that answers "valid or not" without allocating: almost every
// object is valid. Only an object it rejects is walked again to say why
// (explain.go). The check knows exactly the keywords the converter emits,
// with the semantics of draft 7 as github.com/santhosh-tekuri/jsonschema/v5
// implements them (the tests keep that library as the oracle); a node using
// any other keyword makes the schema an error rather than a guess.

// check is one compiled schema node. A check made for a subschema no
// object has reached yet holds it in pending and converts and compiles it
// on first use: a Deployment's schema has some 1,400 nodes, of which a
// document reaches a few dozen.
type check struct {
	doc      map[string]any // the converted node, which wording reads
	types    typeSet        // 0: any type
	props    map[string]*check
	extra    *check // additionalProperties as a schema
	closed   bool   // additionalProperties: false
	items    *check
	required []string
	enum     []any
	pattern  *regexp.Regexp
	format   func(any) bool
	bounds   []bound // in the library's order (boundOrder)
	allOf    []*check
	anyOf    []*check
	oneOf    []*check
	not      *check
	pending  *lazyNode
	compiled sync.Once // of pending
	// broken, shared by the checks of a schema, is set when a node did
	// not compile: the check's answers no longer count.
	broken *atomic.Bool
}

// bound is one numeric or size limit.
type bound struct {
	keyword string
	limit   float64
}

// boundOrder is the order in which the library checks the limits: of two
// failures of one value, wording keeps the first.
var boundOrder = map[string]int{
	"minimum": 0, "exclusiveMinimum": 1, "maximum": 2, "exclusiveMaximum": 3,
	"minLength": 4, "maxLength": 5, "minItems": 6, "maxItems": 7, "minProperties": 8, "maxProperties": 9,
}

// fastCheck is the check of a schema, its subschemas compiled when an
// object first reaches them; nil when a pattern does not compile or the
// schema has a form the check does not know (checkSchema says why).
func fastCheck(s *Schema) (c *check) {
	if hasBadPattern(s) {
		return nil
	}
	defer func() {
		if recover() != nil {
			c = nil // an unexpected form
		}
	}()
	c, ok := compileCheck(converter{lazy: true}.rootSchema(s), new(atomic.Bool))
	if !ok {
		return nil
	}
	return c
}

// hasBadPattern reports whether a pattern of s or below does not parse.
func hasBadPattern(s *Schema) bool {
	if s == nil {
		return false
	}
	if s.Pattern != "" {
		if _, err := syntax.Parse(s.Pattern, syntax.Perl); err != nil {
			return true
		}
	}
	for _, p := range s.Properties {
		if hasBadPattern(p) {
			return true
		}
	}
	if s.AdditionalProperties != nil && hasBadPattern(s.AdditionalProperties.Schema) {
		return true
	}
	for _, list := range [][]*Schema{s.AllOf, s.AnyOf, s.OneOf} {
		for _, b := range list {
			if hasBadPattern(b) {
				return true
			}
		}
	}
	return hasBadPattern(s.Items) || hasBadPattern(s.Not)
}

func compileCheck(doc map[string]any, broken *atomic.Bool) (*check, bool) {
	c := &check{doc: doc, broken: broken}
	for key, v := range doc {
		if !c.set(key, v) {
			return nil, false
		}
	}
	c.sortBounds()
	return c, true
}

func (c *check) sortBounds() {
	slices.SortFunc(c.bounds, func(a, b bound) int { return boundOrder[a.keyword] - boundOrder[b.keyword] })
}

// sub compiles a subschema, or defers it when it is not converted yet.
func (c *check) sub(v any) (*check, bool) {
	if n, ok := v.(*lazyNode); ok {
		return &check{pending: n, broken: c.broken}, true
	}
	return compileCheck(v.(map[string]any), c.broken)
}

// compilePending converts and compiles the subschema an object reached.
func (c *check) compilePending() {
	defer func() {
		if recover() != nil {
			c.broken.Store(true)
		}
	}()
	c.doc = converter{lazy: true}.convert(c.pending.s, c.pending.branch)
	for key, v := range c.doc {
		if !c.set(key, v) {
			c.broken.Store(true)
			return
		}
	}
	c.sortBounds()
}

// set compiles one keyword; false for a keyword or form it does not know.
func (c *check) set(key string, v any) bool {
	ok := true
	switch key {
	case "type":
		for _, t := range v.([]any) {
			bit, known := typeBits[t.(string)]
			c.types |= bit
			ok = ok && known
		}
	case "properties":
		c.props = map[string]*check{}
		for name, p := range v.(map[string]any) {
			c.props[name], ok = c.sub(p)
			if !ok {
				return false
			}
		}
	case "additionalProperties":
		if b, isBool := v.(bool); isBool {
			c.closed = !b
		} else {
			c.extra, ok = c.sub(v)
		}
	case "items":
		c.items, ok = c.sub(v)
	case "not":
		c.not, ok = c.sub(v)
	case "allOf", "anyOf", "oneOf":
		var list []*check
		for _, b := range v.([]any) {
			var bc *check
			if bc, ok = c.sub(b); !ok {
				return false
			}
			list = append(list, bc)
		}
		switch key {
		case "allOf":
			c.allOf = list
		case "anyOf":
			c.anyOf = list
		default:
			c.oneOf = list
		}
	case "required":
		c.required = v.([]string)
	case "enum":
		c.enum = v.([]any)
	case "pattern":
		re, err := regexp.Compile(v.(string))
		c.pattern, ok = re, err == nil
	case "format":
		c.format = checkedFormats[v.(string)]
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		c.bounds = append(c.bounds, bound{key, v.(float64)})
	case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties":
		c.bounds = append(c.bounds, bound{key, float64(v.(int64))})
	default:
		return false
	}
	return ok
}

// valid reports whether v satisfies the schema, as the library would;
// false too when a node reached did not compile.
func (c *check) valid(v any) bool {
	return c.validNode(v) && !c.broken.Load()
}

func (c *check) validNode(v any) bool {
	if c.pending != nil {
		c.compiled.Do(c.compilePending)
	}
	if c.types != 0 && !c.types.has(v) {
		return false
	}
	if c.enum != nil && !inEnum(c.enum, v) ||
		c.format != nil && !c.format(v) ||
		!c.withinBounds(v) {
		return false
	}
	switch v := v.(type) {
	case string:
		if c.pattern != nil && !c.pattern.MatchString(v) {
			return false
		}
	case map[string]any:
		if !c.validObject(v) {
			return false
		}
	case []any:
		if c.items != nil {
			for _, item := range v {
				if !c.items.validNode(item) {
					return false
				}
			}
		}
	}
	return c.validCombinators(v)
}

func (c *check) validObject(v map[string]any) bool {
	for _, name := range c.required {
		if _, ok := v[name]; !ok {
			return false
		}
	}
	for k, val := range v {
		switch p, ok := c.props[k]; {
		case ok:
			if !p.validNode(val) {
				return false
			}
		case c.closed:
			return false
		case c.extra != nil:
			if !c.extra.validNode(val) {
				return false
			}
		}
	}
	return true
}

func (c *check) validCombinators(v any) bool {
	for _, s := range c.allOf {
		if !s.validNode(v) {
			return false
		}
	}
	if c.anyOf != nil && !anyValid(c.anyOf, v) {
		return false
	}
	if c.oneOf != nil && countMatches(c.oneOf, v) != 1 {
		return false
	}
	return c.not == nil || !c.not.validNode(v)
}

func anyValid(list []*check, v any) bool {
	for _, s := range list {
		if s.validNode(v) {
			return true
		}
	}
	return false
}

func countMatches(list []*check, v any) int {
	n := 0
	for _, s := range list {
		if s.validNode(v) {
			n++
		}
	}
	return n
}

// typeSet is a set of JSON types, one bit each.
type typeSet uint8

const (
	tNull typeSet = 1 << iota
	tBoolean
	tString
	tObject
	tArray
	tNumber
	tInteger
)

var typeBits = map[string]typeSet{
	"null": tNull, "boolean": tBoolean, "string": tString, "object": tObject,
	"array": tArray, "number": tNumber, "integer": tInteger,
}

// has follows the library: integer is any number without a fraction.
func (ts typeSet) has(v any) bool {
	switch v.(type) {
	case nil:
		return ts&tNull != 0
	case bool:
		return ts&tBoolean != 0
	case string:
		return ts&tString != 0
	case map[string]any:
		return ts&tObject != 0
	case []any:
		return ts&tArray != 0
	}
	f, ok := number(v)
	return ok && (ts&tNumber != 0 || ts&tInteger != 0 && f == math.Trunc(f))
}

// compareNumber compares v, a number, with a limit as the library does:
// exactly, the limit taken as its shortest decimal. Comparing float64s is
// the same except for integers beyond 2^53, which float64 rounds.
func compareNumber(v any, limit float64) int {
	if i, ok := v.(int64); ok && (i > 1<<53 || i < -1<<53) {
		return new(big.Rat).SetInt64(i).Cmp(shortestRat(limit))
	}
	f, _ := number(v)
	return cmp.Compare(f, limit)
}

func shortestRat(f float64) *big.Rat {
	r, _ := new(big.Rat).SetString(strconv.FormatFloat(f, 'g', -1, 64))
	return r
}

// numbersEqual compares two numbers exactly, as the library does.
func numbersEqual(a, b any) bool {
	fa, _ := number(a)
	fb, _ := number(b)
	ia, aInt := a.(int64)
	ib, bInt := b.(int64)
	switch {
	case aInt && bInt:
		return ia == ib
	case aInt:
		return compareNumber(ia, fb) == 0
	case bInt:
		return compareNumber(ib, fa) == 0
	}
	return fa == fb
}

// jsonEqual is the library's equality: numbers by value, objects and
// lists member by member, anything else by ==.
func jsonEqual(a, b any) bool {
	if _, ok := number(a); ok {
		_, isNum := number(b)
		return isNum && numbersEqual(a, b)
	}
	switch a := a.(type) {
	case map[string]any:
		b, ok := b.(map[string]any)
		if !ok || len(a) != len(b) {
			return false
		}
		for k, av := range a {
			if bv, ok := b[k]; !ok || !jsonEqual(av, bv) {
				return false
			}
		}
		return true
	case []any:
		b, ok := b.([]any)
		return ok && slices.EqualFunc(a, b, jsonEqual)
	}
	switch b.(type) {
	case map[string]any, []any:
		return false
	}
	return a == b
}

func number(v any) (float64, bool) {
	switch v := v.(type) {
	case int64:
		return float64(v), true
	case float64:
		return v, true
	}
	return 0, false
}

// inEnum compares as the library does (jsonEqual).
func inEnum(enum []any, v any) bool {
	if s, ok := v.(string); ok { // the common case
		for _, e := range enum {
			if es, ok := e.(string); ok && es == s {
				return true
			}
		}
		return false
	}
	return slices.ContainsFunc(enum, func(e any) bool { return jsonEqual(v, e) })
}

// withinBounds checks the limits that apply to v's type.
func (c *check) withinBounds(v any) bool {
	for _, b := range c.bounds {
		if !b.holds(v) {
			return false
		}
	}
	return true
}

// holds reports whether v is within the limit, or of a type it does not
// apply to.
func (b bound) holds(v any) bool {
	var n int
	switch b.keyword {
	case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum":
		if _, ok := number(v); !ok {
			return true
		}
		return inBound(b.keyword, compareNumber(v, b.limit))
	case "minLength", "maxLength":
		s, ok := v.(string)
		if !ok {
			return true
		}
		n = utf8.RuneCountInString(s)
	case "minItems", "maxItems":
		a, ok := v.([]any)
		if !ok {
			return true
		}
		n = len(a)
	case "minProperties", "maxProperties":
		m, ok := v.(map[string]any)
		if !ok {
			return true
		}
		n = len(m)
	}
	return inBound(b.keyword, cmp.Compare(float64(n), b.limit))
}

// inBound says whether a value that compares so (-1, 0, 1) with a limit
// satisfies the keyword.
func inBound(keyword string, c int) bool {
	switch keyword {
	case "exclusiveMinimum":
		return c > 0
	case "exclusiveMaximum":
		return c < 0
	case "minimum", "minLength", "minItems", "minProperties":
		return c >= 0
	}
	return c <= 0
}
