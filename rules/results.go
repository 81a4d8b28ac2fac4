package rules

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// result is one element of a deny, warn or violation set: a message, or
// an object {"msg", "resource", "path", "severity"}.
type result struct {
	msg      string
	resource *graph.Resource
	path     string
	severity analyzers.Severity
}

// reportResults reports the results of a policy's rule, its value as
// OPA left it: a set or an array of results (anything else has none).
// subject is the resource a per-resource evaluation was about (nil for
// policies over the whole input).
func reportResults(pass *analyzers.Pass, p *Policy, in *Input, subject *graph.Resource, v *ast.Term) error {
	each := func(t *ast.Term) error { return reportTerm(pass, p, in, subject, t) }
	switch x := v.Value.(type) {
	case ast.Set:
		return x.Iter(each)
	case *ast.Array:
		for i := range x.Len() {
			if err := each(x.Elem(i)); err != nil {
				return err
			}
		}
	}
	return nil
}

// reportTerm reports one result. It reads the fields of a result from
// OPA's values; only a result it cannot read so is converted to plain
// values whole (a result names its resource by the resource's document,
// which would otherwise be converted for every finding).
func reportTerm(pass *analyzers.Pass, p *Policy, in *Input, subject *graph.Resource, t *ast.Term) error {
	if res, ok := decodeTerm(in, subject, t); ok {
		report(pass, p, res)
		return nil
	}
	item, err := ast.JSON(t.Value)
	if err != nil {
		return err
	}
	return reportResult(pass, p, in, subject, item)
}

// reportResult turns a policy result into a finding at the exact field.
func reportResult(pass *analyzers.Pass, p *Policy, in *Input, subject *graph.Resource, item any) error {
	res, err := decodeResult(in, subject, item)
	if err != nil {
		return err
	}
	report(pass, p, res)
	return nil
}

func report(pass *analyzers.Pass, p *Policy, res result) {
	var f *analyzers.Finding
	if res.resource == nil { // a result about no resource: at the policy
		f = pass.ReportAt(p.Location, nil, "", res.msg)
	} else {
		f = pass.Report(res.resource, res.path, "%s", res.msg)
	}
	f.Key = res.msg
	if res.severity != 0 {
		f.WithSeverity(res.severity)
	}
}

// Keys of a result object.
var (
	keyMsg      = ast.StringTerm("msg")
	keyResource = ast.StringTerm("resource")
	keySeverity = ast.StringTerm("severity")
)

// decodeTerm is decodeResult read from OPA's values; not ok when the
// result is not what decodeResult accepts, or names its resource other
// than by id: decodeResult then says why, or finds it.
func decodeTerm(in *Input, subject *graph.Resource, t *ast.Term) (result, bool) {
	res := result{resource: subject}
	switch v := t.Value.(type) {
	case ast.String:
		res.msg = string(v)
		return res, true
	case ast.Object:
		msg, ok := termString(v.Get(keyMsg))
		if !ok {
			return res, false
		}
		res.msg = msg
		if r := v.Get(keyResource); r != nil && r.Value.Compare(ast.NullValue) != 0 {
			if res.resource = in.lookupTerm(r); res.resource == nil {
				return res, false
			}
		}
		res.path = termPath(v.Get(keyPath))
		if s, ok := termString(v.Get(keySeverity)); ok {
			sev, err := analyzers.ParseSeverity(s)
			if err != nil {
				return res, false
			}
			res.severity = sev
		}
		return res, true
	}
	return res, false
}

func termString(t *ast.Term) (string, bool) {
	if t == nil {
		return "", false
	}
	s, ok := t.Value.(ast.String)
	return string(s), ok
}

// lookupTerm is lookup for a resource named by {"id": ID} or by its
// document's meshlint.id; nil otherwise.
func (in *Input) lookupTerm(t *ast.Term) *graph.Resource {
	obj, ok := t.Value.(ast.Object)
	if !ok {
		return nil
	}
	if id, ok := termString(obj.Get(keyID)); ok {
		return in.lookups().byID[id]
	}
	if meta := obj.Get(keyMeshlint); meta != nil {
		if meta, ok := meta.Value.(ast.Object); ok {
			if id, ok := termString(meta.Get(keyID)); ok {
				return in.lookups().byID[id]
			}
		}
	}
	return nil
}

// termPath is fieldPath read from OPA's values.
func termPath(t *ast.Term) string {
	if t == nil {
		return ""
	}
	switch p := t.Value.(type) {
	case ast.String:
		return string(p)
	case *ast.Array:
		var b strings.Builder
		for i := range p.Len() {
			switch x := p.Elem(i).Value.(type) {
			case ast.String:
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(string(x))
			case ast.Number:
				if n, err := strconv.Atoi(string(x)); err == nil {
					b.WriteString(pathIndex(n))
				}
			}
		}
		return b.String()
	}
	return ""
}

func decodeResult(in *Input, subject *graph.Resource, item any) (result, error) {
	res := result{resource: subject}
	switch v := item.(type) {
	case string:
		res.msg = v
		return res, nil
	case map[string]any:
		msg, ok := v["msg"].(string)
		if !ok {
			return res, fmt.Errorf("a result object needs a string \"msg\", got %v", item)
		}
		res.msg = msg
		if r := v["resource"]; r != nil {
			res.resource = in.lookup(r)
			if res.resource == nil {
				return res, fmt.Errorf("result %q names a resource not in the input: %v", msg, r)
			}
		}
		res.path = fieldPath(v["path"])
		if s, ok := v["severity"].(string); ok {
			sev, err := analyzers.ParseSeverity(s)
			if err != nil {
				return res, fmt.Errorf("result %q: %v", msg, err)
			}
			res.severity = sev
		}
		return res, nil
	}
	return res, fmt.Errorf("a result must be a string or an object with \"msg\", got %v", item)
}

// lookup finds the resource a result names: one of input.resources (by
// its meshlint.id), {"id": ID} with an id of data.meshlint, or {kind,
// namespace, name} (apiVersion optional).
func (in *Input) lookup(v any) *graph.Resource {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	l := in.lookups()
	if id, ok := m["id"].(string); ok {
		return l.byID[id]
	}
	if meta, ok := m["meshlint"].(map[string]any); ok {
		if id, ok := meta["id"].(string); ok {
			return l.byID[id]
		}
	}
	kind, _ := m["kind"].(string)
	name, _ := m["name"].(string)
	ns, _ := m["namespace"].(string)
	if md, ok := m["metadata"].(map[string]any); ok {
		name, _ = md["name"].(string)
		ns, _ = md["namespace"].(string)
	}
	for _, r := range l.byName[kind+"/"+name] {
		if ns == "" || r.Namespace == ns {
			return r
		}
	}
	return nil
}

// fieldPath reads a path written "spec.http[0].route" or as an array
// ["spec", "http", 0, "route"].
func fieldPath(v any) string {
	switch p := v.(type) {
	case string:
		return p
	case []any:
		var b strings.Builder
		for _, el := range p {
			switch x := el.(type) {
			case string:
				if b.Len() > 0 {
					b.WriteByte('.')
				}
				b.WriteString(x)
			default:
				if n, err := strconv.Atoi(fmt.Sprint(x)); err == nil {
					b.WriteString(pathIndex(n))
				}
			}
		}
		return b.String()
	}
	return ""
}
