package lint

import (
	"fmt"
	"maps"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
)

// ApplyTo carries the config keys that have no flag into opts: severities,
// rule options, externals and the namespaces of paths. (Keys that have a flag are the front end's business:
// its flags win over them.) Errors name the file and the key.
func (f *File) ApplyTo(opts *Options) error {
	all, err := opts.catalog()
	if err != nil {
		return err
	}
	for _, key := range severityKeyOrder(f.Rules.Severity) {
		sev, err := analyzers.ParseSeverity(f.Rules.Severity[key])
		if err != nil {
			return fmt.Errorf("%s: rules.severity.%s: %v", f.Path, key, err)
		}
		found := analyzers.Lookup(all, key)
		if len(found) == 0 {
			return fmt.Errorf("%s: rules.severity: no rule %q (see meshlint rules)", f.Path, key)
		}
		if opts.Severity == nil {
			opts.Severity = map[string]analyzers.Severity{}
		}
		for _, r := range found {
			opts.Severity[r.ID] = sev
		}
	}
	if err := f.applyRuleOptions(opts, all); err != nil {
		return err
	}
	for _, gw := range f.Externals.Gateways {
		if !strings.Contains(gw, "/") {
			return fmt.Errorf("%s: externals.gateways: %q must be namespace/name", f.Path, gw)
		}
	}
	for _, ns := range f.Externals.Namespaces {
		if _, err := path.Match(ns, ""); err != nil {
			return fmt.Errorf("%s: externals.namespaces: %q is not a valid pattern", f.Path, ns)
		}
	}
	opts.Graph.Externals.Hosts = f.Externals.Hosts
	opts.Graph.Externals.Gateways = f.Externals.Gateways
	opts.Graph.Externals.Namespaces = f.Externals.Namespaces
	if len(f.Namespaces) > 0 {
		opts.Graph.FileNamespace = f.NamespaceFor
	}
	if f.Injection.EnableNamespacesByDefault != nil {
		opts.Graph.EnableNamespacesByDefault = f.Injection.EnableNamespacesByDefault
	}
	if f.InlineSuppressions != nil && !*f.InlineSuppressions {
		opts.NoInlineSuppressions = true
	}
	return nil
}

// severityKeyOrder applies istioctl codes first, then rule IDs and names,
// so that the more specific setting wins whatever the map order.
func severityKeyOrder(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		ci, cj := isIstioCode(keys[i]), isIstioCode(keys[j])
		if ci != cj {
			return ci
		}
		return keys[i] < keys[j]
	})
	return keys
}

func isIstioCode(key string) bool {
	return len(key) == 7 && strings.HasPrefix(strings.ToUpper(key), "IST")
}

// applyRuleOptions checks rules.options against what each rule declares
// and carries them into opts.RuleOptions. Errors name the file and line.
func (f *File) applyRuleOptions(opts *Options, all []*analyzers.Rule) error {
	for _, key := range slices.Sorted(maps.Keys(f.Rules.Options)) {
		found := analyzers.Lookup(all, key)
		if len(found) != 1 || !strings.EqualFold(found[0].ID, key) && !strings.EqualFold(found[0].Name, key) {
			return fmt.Errorf("%s: rules.options: %q is not a rule ID or name (see meshlint rules)", f.Path, key)
		}
		rule := found[0]
		values := f.Rules.Options[key]
		for _, name := range slices.Sorted(maps.Keys(values)) {
			node := values[name]
			var raw any
			if err := node.Decode(&raw); err != nil {
				return fmt.Errorf("%s:%d: rules.options.%s.%s: %v", f.Path, node.Line, key, name, err)
			}
			parsed, err := analyzers.ParseOptions(rule, map[string]any{name: raw})
			if err != nil {
				return fmt.Errorf("%s:%d: rules.options.%s: %v", f.Path, node.Line, key, err)
			}
			if opts.RuleOptions == nil {
				opts.RuleOptions = map[string]map[string]any{}
			}
			if opts.RuleOptions[rule.ID] == nil {
				opts.RuleOptions[rule.ID] = map[string]any{}
			}
			opts.RuleOptions[rule.ID][name] = parsed[name]
		}
	}
	return nil
}
