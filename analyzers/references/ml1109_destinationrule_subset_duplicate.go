package references

import (
	"google.golang.org/protobuf/proto"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleSubsetDuplicate reports a subset name defined twice for
// one host: in one DestinationRule, or in two that istiod merges.
var DestinationRuleSubsetDuplicate = &analyzers.Rule{
	ID: "ML1109", Name: "destinationrule-subset-duplicate", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindDestinationRule},
	Summary: "a subset name is defined twice for one host, and istiod keeps only the first definition",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1109"),
	Run:     runDestinationRuleSubsetDuplicate,
}

func runDestinationRuleSubsetDuplicate(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		if r.Implied == "" && r.DestinationRule() != nil {
			reportRepeatedSubsets(p, r)
		}
	}
	for _, m := range p.Graph.DestinationRuleMerges() {
		reportMergedSubsets(p, m)
	}
}

// reportRepeatedSubsets reports a name repeated within one rule, which
// Istio's validating webhook rejects.
func reportRepeatedSubsets(p *analyzers.Pass, r *graph.Resource) {
	first := map[string]int{}
	for i, s := range r.DestinationRule().GetSubsets() {
		j, seen := first[s.GetName()]
		if !seen {
			first[s.GetName()] = i
			continue
		}
		if s.GetName() == "" {
			continue // the schema rules report a missing name
		}
		p.Report(r, subsetNamePath(i), "subset %q is defined twice in this DestinationRule: Istio's validating webhook rejects it (duplicate subset names); keep one definition",
			s.GetName()).WithSeverity(analyzers.SeverityError).
			RelateResource(r, subsetNamePath(j), "first definition of %s", s.GetName())
	}
}

// reportMergedSubsets reports the subsets of m.Rule that an earlier rule
// merged before it already defines: istiod drops them.
func reportMergedSubsets(p *analyzers.Pass, m graph.DestinationRuleMerge) {
	host := m.Rule.DestinationRule().GetHost()
	reported := map[string]bool{}
	for i, s := range m.Rule.DestinationRule().GetSubsets() {
		if s.GetName() == "" || reported[s.GetName()] {
			continue
		}
		earlier, j := m.EarlierDefinition(s.GetName())
		if earlier == nil {
			continue
		}
		reported[s.GetName()] = true
		if proto.Equal(earlier.DestinationRule().GetSubsets()[j], s) {
			p.Report(m.Rule, subsetNamePath(i), "subset %q of host %s repeats the same definition in DestinationRule %s: istiod merges the two rules and keeps one; remove the repetition",
				s.GetName(), host, earlier.NamespacedName()).WithSeverity(analyzers.SeverityInfo).
				RelateResource(earlier, subsetNamePath(j), "DestinationRule %s defines %s", earlier.Name, s.GetName())
			continue
		}
		p.Report(m.Rule, subsetNamePath(i), "subset %q of host %s is also defined, differently, by DestinationRule %s: istiod merges the rules of one namespace and host "+
			"and keeps the subset of the rule created first (the same second: the first by name), so one definition is silently ignored, this one if applied later; define the subset in one DestinationRule",
			s.GetName(), host, earlier.NamespacedName()).
			RelateResource(earlier, subsetNamePath(j), "DestinationRule %s defines %s", earlier.Name, s.GetName())
	}
}

func subsetNamePath(i int) string { return graph.IndexPath("spec.subsets", i) + ".name" }
