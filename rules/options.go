package rules

import (
	"fmt"
	"maps"
	"slices"

	"github.com/open-policy-agent/opa/v1/ast"

	"github.com/meshlint/meshlint/analyzers"
)

// policyOption is a rule option a policy declares in its METADATA
// (custom.options: {name: {default: ..., doc: ...}}) and reads as
// data.meshlint.options.<name>.
type policyOption struct {
	spec  analyzers.OptionSpec
	value func(*analyzers.Pass) any
}

// parseOptions reads custom.options; the type of each option is that of
// its default: a string, a boolean, an integer or a list of strings.
func parseOptions(raw any) ([]policyOption, error) {
	m, ok := raw.(map[string]any)
	if !ok {
		return nil, fmt.Errorf("want a map of option names to {default, doc}")
	}
	var out []policyOption
	for _, name := range slices.Sorted(maps.Keys(m)) {
		def, _ := m[name].(map[string]any)
		doc, _ := def["doc"].(string)
		o, err := newOption(name, doc, def["default"])
		if err != nil {
			return nil, fmt.Errorf("option %s: %v", name, err)
		}
		out = append(out, o)
	}
	return out, nil
}

func newOption(name, doc string, def any) (policyOption, error) {
	switch v := def.(type) {
	case string:
		return typedOption(&analyzers.Option[string]{Name: name, Doc: doc, Default: v}), nil
	case bool:
		return typedOption(&analyzers.Option[bool]{Name: name, Doc: doc, Default: v}), nil
	case int:
		return typedOption(&analyzers.Option[int]{Name: name, Doc: doc, Default: v}), nil
	case float64:
		if v == float64(int(v)) {
			return typedOption(&analyzers.Option[int]{Name: name, Doc: doc, Default: int(v)}), nil
		}
	case []any:
		list := make([]string, len(v))
		for i, item := range v {
			s, ok := item.(string)
			if !ok {
				return policyOption{}, fmt.Errorf("a list default must hold strings")
			}
			list[i] = s
		}
		return typedOption(&analyzers.Option[[]string]{Name: name, Doc: doc, Default: list}), nil
	}
	return policyOption{}, fmt.Errorf("default %v: want a string, boolean, integer or list of strings", def)
}

func typedOption[T analyzers.OptionValue](o *analyzers.Option[T]) policyOption {
	return policyOption{spec: o, value: func(p *analyzers.Pass) any { return o.Value(p) }}
}

// optionsValue is data.meshlint.options for one pass.
func optionsValue(p *analyzers.Pass, opts []policyOption) ast.Value {
	obj := ast.NewObject()
	for _, o := range opts {
		v, err := ast.InterfaceToValue(o.value(p))
		if err == nil {
			obj.Insert(ast.StringTerm(o.spec.OptionName()), ast.NewTerm(v))
		}
	}
	return obj
}
