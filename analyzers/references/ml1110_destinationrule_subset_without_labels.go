package references

import (
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleSubsetWithoutLabels reports a subset without labels or
// policy beside subsets that select by labels: it takes every endpoint.
var DestinationRuleSubsetWithoutLabels = &analyzers.Rule{
	ID: "ML1110", Name: "destinationrule-subset-without-labels", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindDestinationRule},
	Summary: "a DestinationRule subset has no labels beside subsets that have some, so it selects every endpoint of the host",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1110"),
	Run:     runDestinationRuleSubsetWithoutLabels,
}

func runDestinationRuleSubsetWithoutLabels(p *analyzers.Pass) {
	dropped := droppedSubsets(p.Graph)
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		dr := r.DestinationRule()
		if r.Implied != "" || dr == nil {
			continue
		}
		// Without labelled subsets, a labelless one names the whole host's
		// own cluster (as Istio's egress gateway examples do): not reported.
		labelled := labelledSubsets(dr)
		if len(labelled) == 0 {
			continue
		}
		for i, s := range dr.GetSubsets() {
			if len(s.GetLabels()) > 0 || s.GetTrafficPolicy() != nil || s.GetName() == "" || slices.Contains(labelled, s.GetName()) || dropped[r][s.GetName()] {
				continue // a repeated name is ML1109's
			}
			p.Report(r, subsetNamePath(i), "subset %q has no labels: it selects every endpoint of %s, those of %s included, "+
				"so traffic routed to it is not kept to one version; add the labels of the pods it is meant for",
				s.GetName(), dr.GetHost(), subsetsPhrase(labelled))
		}
	}
}

// droppedSubsets are the subsets istiod drops because a DestinationRule
// merged before defines the name (ML1109), by rule.
func droppedSubsets(g *graph.Graph) map[*graph.Resource]map[string]bool {
	out := map[*graph.Resource]map[string]bool{}
	for _, m := range g.DestinationRuleMerges() {
		for _, s := range m.Rule.DestinationRule().GetSubsets() {
			if earlier, _ := m.EarlierDefinition(s.GetName()); earlier != nil {
				if out[m.Rule] == nil {
					out[m.Rule] = map[string]bool{}
				}
				out[m.Rule][s.GetName()] = true
			}
		}
	}
	return out
}

// subsetsPhrase is "subset a" or "subsets a, b".
func subsetsPhrase(names []string) string {
	if len(names) == 1 {
		return "subset " + names[0]
	}
	return "subsets " + strings.Join(names, ", ")
}

// labelledSubsets names the subsets of dr that select by labels.
func labelledSubsets(dr *networking.DestinationRule) []string {
	var names []string
	for _, s := range dr.GetSubsets() {
		if len(s.GetLabels()) > 0 {
			names = append(names, s.GetName())
		}
	}
	return names
}
