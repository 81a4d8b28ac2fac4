package lint

import (
	"slices"
	"sync"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/catalog"
	"github.com/meshlint/meshlint/rules"
)

// builtinPolicies are compiled once per process: the CLI, the hook and the
// language server share them.
var builtinPolicies = sync.OnceValues(func() (*rules.Set, error) { return rules.Load(rules.Options{}) })

// BuiltinPolicies returns the built-in Rego policies, compiled.
func BuiltinPolicies() (*rules.Set, error) { return builtinPolicies() }

// Catalog is every rule a run chooses from: the Go rules, then the Rego
// policies of set (the built-in ones when set is nil), in ID order.
func Catalog(set *rules.Set) ([]*analyzers.Rule, error) {
	if set == nil {
		var err error
		if set, err = BuiltinPolicies(); err != nil {
			return nil, err
		}
	}
	all := append(slices.Clone(catalog.All()), set.Rules()...)
	slices.SortStableFunc(all, func(a, b *analyzers.Rule) int { return compareIDs(a.ID, b.ID) })
	return all, nil
}

func compareIDs(a, b string) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// catalog is the rules the run chooses from: Rules, or the built-in Go
// rules and policies.
func (o Options) catalog() ([]*analyzers.Rule, error) {
	if o.Rules != nil {
		return o.Rules, nil
	}
	return Catalog(nil)
}
