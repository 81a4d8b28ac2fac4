package rules

import (
	"fmt"
	"strconv"
	"strings"

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

// reportResult turns a policy result into a finding at the exact field.
// subject is the resource a per-resource evaluation was about (nil for
// policies over the whole input).
func reportResult(pass *analyzers.Pass, p *Policy, in *Input, subject *graph.Resource, item any) error {
	res, err := decodeResult(in, subject, item)
	if err != nil {
		return err
	}
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
	return nil
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
