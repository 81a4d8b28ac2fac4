package schemas

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/interpreter"

	"github.com/meshlint/meshlint/graph/fieldpath"
)

// CELViolation is a value that breaks an x-kubernetes-validations rule.
type CELViolation struct {
	// Path is the field, in graph path syntax (spec.http[0].timeout): the
	// node the rule sits on, or the rule's fieldPath below it.
	Path string
	// Type is the schema type of the rule's node, which the API server
	// quotes as the invalid value ("object", "string", ...).
	Type string
	// Value is the value at Path, as decoded, when HasValue: messages
	// quote it as the user wrote it (FormatValue), not its type.
	Value    any
	HasValue bool
	// Reason is the rule's reason (FieldValueRequired, ...), if any.
	Reason string
	// Message is what the API server would say: the rule's message or
	// messageExpression, "failed rule: <rule>", or the evaluation error.
	Message string
	// Rule is the rule's expression.
	Rule string
}

// CELStats counts what happened to the rules of the objects checked.
type CELStats struct {
	// Evaluated counts rule evaluations that reached a verdict, Failed
	// those that produced a violation.
	Evaluated, Failed int
	// Unsupported counts, by rule text, the evaluations not made because
	// the rule needs a function meshlint does not have (or does not
	// compile); Reasons says why, by rule text.
	Unsupported map[string]int
	Reasons     map[string]string
	// Transition counts evaluations of rules on oldSelf skipped: offline
	// there is no previous object, as on a create.
	Transition int
	// Skipped counts evaluations not made because the value under the rule
	// has the wrong type, which the schema validator reports.
	Skipped int
}

// IsZero reports whether nothing was counted.
func (s *CELStats) IsZero() bool {
	return s.Evaluated == 0 && s.Failed == 0 && s.Transition == 0 && s.Skipped == 0 && len(s.Unsupported) == 0
}

// Add accumulates other into s.
func (s *CELStats) Add(other CELStats) {
	s.Evaluated += other.Evaluated
	s.Failed += other.Failed
	s.Transition += other.Transition
	s.Skipped += other.Skipped
	for rule, n := range other.Unsupported {
		s.unsupported(rule, other.Reasons[rule], n)
	}
}

func (s *CELStats) unsupported(rule, reason string, n int) {
	if s.Unsupported == nil {
		s.Unsupported, s.Reasons = map[string]int{}, map[string]string{}
	}
	s.Unsupported[rule] += n
	// Compiler errors go on to quote the rule with a caret under the
	// culprit: the first line says enough for a debug message.
	s.Reasons[rule], _, _ = strings.Cut(reason, "\n")
}

// CheckCEL evaluates the x-kubernetes-validations rules of g's schema on
// obj, a whole document, as the API server does on a create: each rule on
// each node present in obj, with self bound to that node's value. It
// returns nothing when there is no schema for g.
func (r *Registry) CheckCEL(g GVK, obj map[string]any) ([]CELViolation, CELStats, error) {
	e, ok, err := r.Lookup(g)
	if err != nil || !ok || e.Schema == nil {
		return nil, CELStats{}, err
	}
	sc := celScratchPool.Get().(*celScratch)
	c := &celRun{budget: celObjectBudget, steps: sc.steps[:0], keys: sc.keys[:0]}
	c.walk(e.Schema, e.Schema, obj, true)
	clear(c.keys[:cap(c.keys)]) // keep no document alive
	clear(c.steps[:cap(c.steps)])
	sc.steps, sc.keys = c.steps, c.keys
	celScratchPool.Put(sc)
	return c.violations, c.stats, nil
}

// celScratch is a walk's stacks, reused by the next object: growing them
// anew was a third of the walk's allocations.
type celScratch struct {
	steps []celStep
	keys  []string
}

var celScratchPool = sync.Pool{New: func() any { return new(celScratch) }}

// celRun is one object's check.
type celRun struct {
	violations []CELViolation
	stats      CELStats
	budget     int64 // cost left for this object
	stopped    bool  // a cost limit was hit: no further rules run
	steps      []celStep
	// keys is a stack of the fields each object being walked has left.
	keys []string
}

// walk visits value v, an object, with the rules of vs, typed by ns. They
// are the same schema except under allOf, whose rules apply to the node
// they sit on but whose types are the node's (as in the API server).
func (c *celRun) walk(vs, ns *Schema, v any, resource bool) {
	c.walkConverted(vs, ns, v, resource, nil)
}

// celStep is a field (index -1) or an index of the walk's path, kept on a
// stack and written out as a field path only for a violation: building
// every visited node's path cost more than most rules.
type celStep struct {
	key   string
	index int
}

// path is where the walk is, as a field path.
func (c *celRun) path() string {
	out := ""
	for _, st := range c.steps {
		if st.index < 0 {
			out = fieldpath.Join(out, st.key)
		} else {
			out = fieldpath.Index(out, st.index)
		}
	}
	return out
}

// walkConverted is walk given self, v already converted for ns (nil: not
// yet). A rule's self holds the converted values of everything below it,
// which rules further down reuse instead of converting their part again.
func (c *celRun) walkConverted(vs, ns *Schema, v any, resource bool, self any) {
	if v == nil || vs == nil || ns == nil || c.stopped || !hasRules(vs) {
		return
	}
	if len(vs.Validations) > 0 && self == nil {
		self = c.convert(ns, v, resource)
	}
	c.rules(vs, ns, v, self)
	for _, sub := range vs.AllOf {
		c.walkConverted(sub, ns, v, resource, self)
	}
	switch v := v.(type) {
	case map[string]any:
		mark := len(c.keys)
		c.keys = appendFieldsToWalk(c.keys, vs, ns, v)
		for _, k := range c.keys[mark:] { // the walk below appends after them
			cvs, cns := childSchemas(vs, ns, k)
			c.steps = append(c.steps, celStep{k, -1})
			c.walkConverted(cvs, cns, v[k], cns != nil && cns.EmbeddedResource, convertedField(ns, resource, self, k))
			c.steps = c.steps[:len(c.steps)-1]
		}
		c.keys = c.keys[:mark]
	case []any:
		if vs.Items == nil || ns.Items == nil {
			return
		}
		list, _ := self.([]any)
		for i, e := range v {
			var conv any
			if ns.Type == "array" && len(list) == len(v) {
				conv = list[i]
			}
			c.steps = append(c.steps, celStep{index: i})
			c.walkConverted(vs.Items, ns.Items, e, ns.Items.EmbeddedResource, conv)
			c.steps = c.steps[:len(c.steps)-1]
		}
	}
}

// notConverted is self for a node whose value does not match its schema
// type: its rules are skipped, those below it convert their own values.
var notConverted = new(int)

// convert is celValue for a node's rules; notConverted when it does not fit.
func (c *celRun) convert(s *Schema, v any, resource bool) any {
	self, err := celValue(s, v, resource)
	if err != nil {
		return notConverted
	}
	return self
}

// convertedField is field k of self, an object converted for schema s, as
// celValue converted it for k's own schema; nil when self holds no such
// conversion: k is not selectable, or at a resource's root apiVersion,
// kind and metadata, which self only shows in part.
func convertedField(s *Schema, resource bool, self any, k string) any {
	obj, ok := self.(map[string]any)
	if !ok || s.Type != "object" || s.IntOrString {
		return nil
	}
	if resource && (k == "apiVersion" || k == "kind" || k == "metadata") {
		return nil
	}
	if len(s.Properties) == 0 {
		return obj[k] // additionalProperties: keys as written
	}
	return obj[s.celNames().escaped[k]]
}

// ruleNodes caches, per schema node, whether a rule sits on it or below
// it. Most of an object has none: walking all of it (sorting keys,
// building paths) cost far more than evaluating the rules.
var ruleNodes sync.Map // *Schema → bool

// hasRules reports whether s or a schema below it has CEL rules. Schemas
// never change once loaded, so the answer is cached.
func hasRules(s *Schema) bool {
	if s == nil {
		return false
	}
	if v, ok := ruleNodes.Load(s); ok {
		return v.(bool)
	}
	found := len(s.Validations) > 0 || hasRules(s.Items)
	for _, sub := range s.AllOf {
		found = found || hasRules(sub)
	}
	for _, p := range s.Properties {
		found = found || hasRules(p)
	}
	if s.AdditionalProperties != nil {
		found = found || hasRules(s.AdditionalProperties.Schema)
	}
	ruleNodes.Store(s, found)
	return found
}

// appendFieldsToWalk appends to keys, sorted for deterministic
// violations, the fields of v with rules at or below them. Declared
// properties come from a list made once per schema node: a map of the
// document is looked up, not iterated and sorted each time.
func appendFieldsToWalk(keys []string, vs, ns *Schema, v map[string]any) []string {
	if len(ns.Properties) > 0 {
		for _, k := range ruleProperties(vs) {
			if _, ok := v[k]; ok {
				keys = append(keys, k)
			}
		}
		return keys
	}
	mark := len(keys)
	for k := range v {
		if cvs, _ := childSchemas(vs, ns, k); cvs != nil && hasRules(cvs) {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys[mark:])
	return keys
}

// ruleProps caches ruleProperties per schema node.
var ruleProps sync.Map // *Schema → []string

// ruleProperties are the sorted names of the properties of s with rules
// at or below them.
func ruleProperties(s *Schema) []string {
	if names, ok := ruleProps.Load(s); ok {
		return names.([]string)
	}
	var names []string
	for name, p := range s.Properties {
		if hasRules(p) {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	actual, _ := ruleProps.LoadOrStore(s, names)
	return actual.([]string)
}

// childSchemas finds the schemas of field k: a declared property, or the
// additionalProperties of a map.
func childSchemas(vs, ns *Schema, k string) (*Schema, *Schema) {
	if len(ns.Properties) > 0 {
		return vs.Properties[k], ns.Properties[k]
	}
	va, na := vs.AdditionalProperties, ns.AdditionalProperties
	if va == nil || na == nil {
		return nil, nil
	}
	return va.Schema, na.Schema
}

// rules evaluates the rules of vs on self, v converted for ns
// (notConverted when v does not fit its schema).
func (c *celRun) rules(vs, ns *Schema, v, self any) {
	if len(vs.Validations) == 0 {
		return
	}
	if self == notConverted {
		c.stats.Skipped += len(vs.Validations)
		return
	}
	vars := &selfActivation{self: self}
	for i, p := range nodePrograms(vs, ns) {
		if c.stopped {
			return
		}
		c.rule(celNode{ns.Type, v}, vs.Validations[i], p, vars)
	}
}

// schemaNode is a node's rules (vs) and the schema that types them (ns).
type schemaNode struct{ vs, ns *Schema }

// programsOf caches the compiled rules of each node, so that a node
// visited again finds them without rendering its type to look them up.
// Schemas never change once loaded, and live as long as their registry.
var programsOf sync.Map // schemaNode → []*celProgram

func nodePrograms(vs, ns *Schema) []*celProgram {
	key := schemaNode{vs, ns}
	if ps, ok := programsOf.Load(key); ok {
		return ps.([]*celProgram)
	}
	t := celType(ns)
	ps := make([]*celProgram, len(vs.Validations))
	for i, rule := range vs.Validations {
		ps[i] = compileRule(t, rule)
	}
	actual, _ := programsOf.LoadOrStore(key, ps)
	return actual.([]*celProgram)
}

// selfActivation binds self, the only variable of a rule that runs (rules
// on oldSelf are skipped): cheaper than a map per node.
type selfActivation struct{ self any }

func (a *selfActivation) ResolveName(name string) (any, bool) {
	if name == "self" {
		return a.self, true
	}
	return nil, false
}

func (a *selfActivation) Parent() interpreter.Activation { return nil }

// celNode is the node a rule sits on: its schema type and value.
type celNode struct {
	typ   string
	value any
}

// rule evaluates one rule and records the outcome.
func (c *celRun) rule(at celNode, rule ValidationRule, p *celProgram, vars *selfActivation) {
	switch {
	case p.err != nil:
		c.stats.unsupported(rule.Rule, p.err.Error(), 1)
		return
	case p.transition:
		c.stats.Transition++
		return
	}
	out, err := c.eval(p.rule, vars)
	switch {
	case errors.Is(err, errCELBudget):
		c.violate(at, rule, err.Error())
	case c.stopped:
		c.violate(at, rule, fmt.Sprintf("'%v': no further validation rules will be run due to call cost exceeds limit for rule: %v", err, ruleErrorString(rule)))
	case err != nil && isUnsupported(err):
		c.stats.unsupported(rule.Rule, err.Error(), 1)
	case err != nil:
		// As the API server: an error is a rejection. The commonest is
		// "no such key: x", a rule reading an optional field without
		// has(): the API server rejects such an object with exactly this
		// message, so reporting it is no false positive.
		c.violate(at, rule, evalErrorMessage(err, rule))
	case out == types.True:
		c.stats.Evaluated++
	case out == types.False:
		v := c.violate(at, rule, c.message(p, rule, vars))
		v.Reason = rule.Reason // only a rule's verdict has its reason
		if rule.FieldPath != "" {
			v.Path = joinFieldPath(v.Path, rule.FieldPath)
			v.Value, v.HasValue = valueAtFieldPath(at.value, rule.FieldPath)
		}
	default:
		c.stats.unsupported(rule.Rule, fmt.Sprintf("evaluates to %v, not a bool", out.Type()), 1)
	}
}

// isUnsupported tells errors of a function or overload meshlint does not
// have. The API server reports these too (they arise where int-or-string
// values escape type checking), but here they may as well come from a
// library function we lack or from our looser typing of objects (see
// celType): counted, never taken for a verdict.
func isUnsupported(err error) bool {
	m := err.Error()
	return strings.HasPrefix(m, "no such overload") || strings.HasPrefix(m, "no matching overload")
}

var errCELBudget = errors.New("validation failed due to running out of cost budget, no further validation rules will be run")

// eval runs a program and charges its cost to the object's budget. When a
// limit is hit the check stops, as in the API server.
func (c *celRun) eval(p cel.Program, vars *selfActivation) (ref.Val, error) {
	out, det, err := p.Eval(vars)
	if det != nil && det.ActualCost() != nil {
		cost := *det.ActualCost()
		if cost > uint64(c.budget) {
			c.stopped = true
			return nil, errCELBudget
		}
		c.budget -= int64(cost)
	}
	if err != nil && strings.HasPrefix(err.Error(), "operation cancelled: actual cost limit exceeded") {
		c.stopped = true
	}
	return out, err
}

func (c *celRun) violate(at celNode, rule ValidationRule, msg string) *CELViolation {
	c.stats.Evaluated++
	c.stats.Failed++
	c.violations = append(c.violations, CELViolation{Path: c.path(), Type: at.typ, Value: at.value, HasValue: true, Message: msg, Rule: rule.Rule})
	return &c.violations[len(c.violations)-1]
}

// message is the detail of a failed rule, chosen as the API server does:
// the messageExpression's result if it yields a usable one-line string,
// else the message, else "failed rule: <rule>".
func (c *celRun) message(p *celProgram, rule ValidationRule, vars *selfActivation) string {
	if p.message != nil {
		out, err := c.eval(p.message, vars)
		if s, ok := out.(types.String); err == nil && ok {
			msg := strings.TrimSpace(string(s))
			if msg != "" && len(msg) <= celMaxMessageLen && !strings.Contains(msg, "\n") {
				return msg
			}
		}
	}
	if m := strings.TrimSpace(rule.Message); m != "" {
		return m
	}
	return "failed rule: " + strings.TrimSpace(rule.Rule)
}

// evalErrorMessage words an evaluation error. A value CEL cannot convert
// is the commonest on a create ("10x" for a duration): say what to write
// rather than quote CEL's "type conversion error from 'string' to
// 'google.protobuf.Duration'". Other errors are worded as the API server
// does.
func evalErrorMessage(err error, rule ValidationRule) string {
	for target, want := range conversionTargets {
		if strings.HasPrefix(err.Error(), "type conversion error from 'string' to '"+target+"'") {
			return fmt.Sprintf("%s: not %s", ruleErrorString(rule), want)
		}
	}
	return fmt.Sprintf("%v evaluating rule: %v", err, ruleErrorString(rule))
}

var conversionTargets = map[string]string{
	"google.protobuf.Duration":  "a duration: write a number and a unit, such as 10s, 500ms or 1h",
	"google.protobuf.Timestamp": "an RFC 3339 timestamp, such as 2024-05-01T12:00:00Z",
}

// ruleErrorString names a rule in error messages: its message, or its text.
func ruleErrorString(r ValidationRule) string {
	if m := strings.TrimSpace(r.Message); m != "" {
		return m
	}
	return strings.TrimSpace(r.Rule)
}

// joinFieldPath appends a rule's fieldPath, a relative JSONPath such as
// `.spec.ports` or `.labels['app.kubernetes.io/name']` (an index `[0]` is
// accepted too), to path. A fieldPath that does not parse is ignored:
// the violation stays on the rule's node.
func joinFieldPath(path, fieldPath string) string {
	out := path
	for rest := fieldPath; rest != ""; {
		var ok bool
		out, rest, ok = fieldPathStep(out, rest)
		if !ok {
			return path
		}
	}
	return out
}

// valueAtFieldPath returns the value a rule's fieldPath names below v, if
// there is one.
func valueAtFieldPath(v any, fieldPath string) (any, bool) {
	rel := joinFieldPath("", fieldPath)
	segs, err := fieldpath.Parse(rel)
	if rel == "" || err != nil {
		return nil, false
	}
	for _, seg := range segs {
		switch node := v.(type) {
		case map[string]any:
			var ok bool
			if v, ok = node[seg.Key]; !ok || seg.IsIndex {
				return nil, false
			}
		case []any:
			if !seg.IsIndex || seg.Index >= len(node) {
				return nil, false
			}
			v = node[seg.Index]
		default:
			return nil, false
		}
	}
	return v, true
}

// fieldPathStep consumes one `.name`, `['name']` or `[index]` of rest.
func fieldPathStep(path, rest string) (string, string, bool) {
	switch {
	case rest[0] == '.':
		end := strings.IndexAny(rest[1:], ".[") + 1
		if end == 0 {
			end = len(rest)
		}
		return fieldpath.Join(path, rest[1:end]), rest[end:], end > 1
	case strings.HasPrefix(rest, "['"):
		var name strings.Builder
		for i := 2; i+1 < len(rest); i++ {
			switch {
			case rest[i] == '\\' && i+2 < len(rest):
				i++
				name.WriteByte(rest[i])
			case rest[i] == '\'' && rest[i+1] == ']':
				return fieldpath.Join(path, name.String()), rest[i+2:], true
			default:
				name.WriteByte(rest[i])
			}
		}
	case rest[0] == '[':
		end := strings.IndexByte(rest, ']')
		if n, err := strconv.Atoi(rest[1:max(end, 1)]); end > 0 && err == nil && n >= 0 {
			return fieldpath.Index(path, n), rest[end+1:], true
		}
	}
	return path, rest, false
}
