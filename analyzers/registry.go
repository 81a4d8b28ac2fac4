package analyzers

import (
	"slices"
	"sort"
	"strings"
)

// Lookup finds rules by ID (ML1102), name (virtualservice-subset-not-found),
// the ID or name of a rule merged into one (Rule.Retired), or istioctl code
// (IST0101, which selects every rule mapped to it). Matching is
// case-insensitive.
func Lookup(rules []*Rule, key string) []*Rule {
	var out []*Rule
	for _, r := range rules {
		if strings.EqualFold(r.ID, key) || strings.EqualFold(r.Name, key) ||
			slices.ContainsFunc(r.Retired, func(old string) bool { return strings.EqualFold(old, key) }) {
			return []*Rule{r}
		}
		if slices.ContainsFunc(r.Istio, func(code string) bool { return strings.EqualFold(code, key) }) ||
			slices.ContainsFunc(r.IstioAnalyzers, func(a string) bool { return strings.EqualFold(a, key) }) {
			out = append(out, r)
		}
	}
	return out
}

// Defaults returns the rules that run when none are chosen: all but the
// NonDefault ones.
func Defaults(rules []*Rule) []*Rule {
	var out []*Rule
	for _, r := range rules {
		if !r.NonDefault {
			out = append(out, r)
		}
	}
	return out
}

// SortByID orders rules by ID.
func SortByID(rules []*Rule) {
	sort.Slice(rules, func(i, j int) bool { return rules[i].ID < rules[j].ID })
}
