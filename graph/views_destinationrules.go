package graph

import (
	"maps"
	"slices"
	"sort"

	networking "istio.io/api/networking/v1alpha3"
)

// DestinationRuleMerge is a DestinationRule and the earlier ones that
// istiod merges it into: their subsets come first, and a subset of Rule
// whose name one of them already defines is dropped.
type DestinationRuleMerge struct {
	Rule    *Resource
	Earlier []*Resource // in istiod's order
}

// DestinationRuleMerges lists the DestinationRules that istiod merges into
// earlier ones, as its push context does: only rules of one namespace for
// one host (short names expanded) merge — rules of different namespaces
// are chosen between by namespace, never merged; rules with different
// workloadSelectors, or one with a selector and one without, stay apart;
// and with enhanced merging (on by default) only when the later rule's
// exportTo equals the earlier's, or contains a non-empty earlier one.
// istiod's order is selector rules first, then creation time; the files'
// apply order stands for creation time. Implied and shadowed copies and
// hosts with template placeholders are left out.
func (g *Graph) DestinationRuleMerges() []DestinationRuleMerge {
	groups := map[string][]*Resource{}
	for _, r := range g.OfKind(KindDestinationRule) {
		dr := r.DestinationRule()
		if dr == nil || r.Implied != "" || r.ShadowedBy != nil || HasPlaceholder(dr.GetHost()) {
			continue
		}
		k := r.Namespace + "/" + FQDN(dr.GetHost(), r.Namespace, g.opts.ClusterDomain)
		groups[k] = append(groups[k], r)
	}
	var out []DestinationRuleMerge
	for _, k := range slices.Sorted(maps.Keys(groups)) {
		out = append(out, mergesOf(groups[k])...)
	}
	return out
}

// mergesOf orders the rules of one namespace and host as istiod does and
// pairs each with the earlier rules it merges into.
func mergesOf(rules []*Resource) []DestinationRuleMerge {
	sort.SliceStable(rules, func(i, j int) bool {
		si, sj := rules[i].DestinationRule().GetWorkloadSelector() != nil, rules[j].DestinationRule().GetWorkloadSelector() != nil
		if si != sj {
			return si
		}
		return AppliedBefore(rules[i], rules[j])
	})
	var out []DestinationRuleMerge
	for i, r := range rules {
		m := DestinationRuleMerge{Rule: r}
		for _, earlier := range rules[:i] {
			if destinationRulesMerge(earlier.DestinationRule(), r.DestinationRule()) {
				m.Earlier = append(m.Earlier, earlier)
			}
		}
		if len(m.Earlier) > 0 {
			out = append(out, m)
		}
	}
	return out
}

// destinationRulesMerge reports whether istiod merges the later rule into
// the earlier one (same namespace and host).
func destinationRulesMerge(earlier, later *networking.DestinationRule) bool {
	se, sl := earlier.GetWorkloadSelector(), later.GetWorkloadSelector()
	if (se == nil) != (sl == nil) || se != nil && !maps.Equal(se.GetMatchLabels(), sl.GetMatchLabels()) {
		return false
	}
	ee, el := exportToSet(earlier), exportToSet(later)
	if maps.Equal(ee, el) {
		return true
	}
	if len(ee) == 0 {
		return false
	}
	for e := range ee {
		if !el[e] {
			return false
		}
	}
	return true
}

// exportToSet is a DestinationRule's exportTo as istiod compares it: the
// values as written, "." for a rule with a workloadSelector.
func exportToSet(dr *networking.DestinationRule) map[string]bool {
	if dr.GetWorkloadSelector() != nil {
		return map[string]bool{".": true}
	}
	set := map[string]bool{}
	for _, e := range dr.GetExportTo() {
		set[e] = true
	}
	return set
}

// EarlierDefinition returns the first earlier rule that defines subset
// name, and the subset's index in it: istiod keeps that definition and
// drops Rule's. It returns nil when no earlier rule defines the name.
func (m DestinationRuleMerge) EarlierDefinition(name string) (*Resource, int) {
	for _, r := range m.Earlier {
		for j, s := range r.DestinationRule().GetSubsets() {
			if s.GetName() == name {
				return r, j
			}
		}
	}
	return nil, 0
}
