package analyzers

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// OptionValue is what a rule option may hold.
type OptionValue interface {
	int | bool | string | []string
}

// Option is a setting of a rule with a default, which users change in the
// config file (`rules.options: {ML8001: {ignoreNamespaces: [...]}}`). It
// is declared in the rule's Options, so that the docs list it and the
// config is checked against it, and read, typed, with Value.
type Option[T OptionValue] struct {
	Name    string // lowerCamelCase, as written in the config
	Doc     string // one line: what it changes
	Default T
}

// OptionSpec is an Option of any type, as Rule.Options lists them.
type OptionSpec interface {
	OptionName() string
	OptionDoc() string
	// DefaultText is the default as it would be written in YAML.
	DefaultText() string
	// parse checks a value decoded from the config and converts it.
	parse(v any) (any, error)
}

func (o *Option[T]) OptionName() string  { return o.Name }
func (o *Option[T]) OptionDoc() string   { return o.Doc }
func (o *Option[T]) DefaultText() string { return yamlText(o.Default) }

// Value is the option's value in this pass: the config's, or the default.
func (o *Option[T]) Value(p *Pass) T {
	if !slices.Contains(p.Rule.Options, OptionSpec(o)) {
		panic(fmt.Sprintf("rule %s reads option %s without declaring it in Options", p.Rule.ID, o.Name))
	}
	if v, ok := p.options[o.Name]; ok {
		return v.(T)
	}
	return o.Default
}

func (o *Option[T]) parse(v any) (any, error) {
	var zero T
	switch any(zero).(type) {
	case []string:
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, not %s", yamlText(v))
		}
		out := make([]string, len(list))
		for i, item := range list {
			if out[i], ok = item.(string); !ok {
				return nil, fmt.Errorf("want a list of strings; item %d is %s", i, yamlText(item))
			}
		}
		return out, nil
	default:
		if t, ok := v.(T); ok {
			return t, nil
		}
		return nil, fmt.Errorf("want %s, not %s", typeName(zero), yamlText(v))
	}
}

// ParseOptions checks the options a config gives a rule against those it
// declares and returns them converted, for Options.RuleOptions. Errors
// name the option; the caller adds where it was written.
func ParseOptions(r *Rule, raw map[string]any) (map[string]any, error) {
	out := make(map[string]any, len(raw))
	for _, name := range sortedKeys(raw) {
		i := slices.IndexFunc(r.Options, func(o OptionSpec) bool { return o.OptionName() == name })
		if i < 0 {
			return nil, fmt.Errorf("%s has no option %q%s", r.ID, name, knownOptions(r))
		}
		v, err := r.Options[i].parse(raw[name])
		if err != nil {
			return nil, fmt.Errorf("%s: %v", name, err)
		}
		out[name] = v
	}
	return out, nil
}

func knownOptions(r *Rule) string {
	if len(r.Options) == 0 {
		return " (it has none)"
	}
	names := make([]string, len(r.Options))
	for i, o := range r.Options {
		names[i] = o.OptionName()
	}
	return " (it has " + strings.Join(names, ", ") + ")"
}

func sortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

func typeName(v any) string {
	switch v.(type) {
	case int:
		return "a whole number"
	case bool:
		return "true or false"
	}
	return "a string"
}

// yamlText writes an option value as YAML flow text, for docs and errors.
func yamlText(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case []string:
		quoted := make([]string, len(v))
		for i, s := range v {
			quoted[i] = strconv.Quote(s)
		}
		return "[" + strings.Join(quoted, ", ") + "]"
	case []any:
		return "a list"
	case map[string]any:
		return "a mapping"
	case nil:
		return "null"
	}
	return fmt.Sprint(v)
}
