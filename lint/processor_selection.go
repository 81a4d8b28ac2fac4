package lint

import (
	"context"
	"fmt"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/schema"
)

// UnknownRuleError is an Enable or Disable key that names no rule.
type UnknownRuleError struct {
	Option string // "enable" or "disable"
	Key    string
}

func (e *UnknownRuleError) Error() string {
	return fmt.Sprintf("%s: no rule %q (see meshlint rules)", e.Option, e.Key)
}

// selection chooses the rules that run: Enable (only these), or every
// default rule; StrictKinds adds kind-without-schema; Disable and
// NoApplyOrder remove.
type selection struct {
	rules []*analyzers.Rule
	all   []*analyzers.Rule // every rule chosen from
}

// newSelection resolves the keys of opts when the chain is built, so that
// a mistyped rule is reported before any input is loaded.
func newSelection(opts Options) (selection, error) {
	all, err := opts.catalog()
	if err != nil {
		return selection{}, err
	}
	on, err := lookupAll(all, opts.Enable, "enable")
	if err != nil {
		return selection{}, err
	}
	off, err := lookupAll(all, opts.Disable, "disable")
	if err != nil {
		return selection{}, err
	}
	var chosen []*analyzers.Rule
	for _, r := range all {
		byDefault := len(on) == 0 && (opts.AllRules || !r.NonDefault)
		enabled := on[r] || byDefault || (opts.StrictKinds && r == schema.KindWithoutSchema)
		if enabled && !off[r] && !(opts.NoApplyOrder && isApplyOrderRule(r)) {
			chosen = append(chosen, r)
		}
	}
	return selection{rules: chosen, all: all}, nil
}

// isApplyOrderRule reports whether r judges the order of the input, which
// means nothing when a tool applies the files in an order of its own.
func isApplyOrderRule(r *analyzers.Rule) bool { return r.Category().Digit == '7' }

// lookupAll resolves keys (IDs, names, istioctl codes) to a set of rules.
func lookupAll(all []*analyzers.Rule, keys []string, option string) (map[*analyzers.Rule]bool, error) {
	set := map[*analyzers.Rule]bool{}
	for _, k := range keys {
		found := analyzers.Lookup(all, strings.TrimSpace(k))
		if len(found) == 0 {
			return nil, &UnknownRuleError{Option: option, Key: k}
		}
		for _, r := range found {
			set[r] = true
		}
	}
	return set, nil
}

func (selection) Name() string { return "selection" }

func (s selection) Process(_ context.Context, run *Run) error {
	run.Rules = s.rules
	return nil
}
