package lifecycle

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleAfterVirtualService reports a DestinationRule applied
// after a VirtualService that routes to one of its subsets.
var DestinationRuleAfterVirtualService = &analyzers.Rule{
	ID: "ML7001", Name: "destinationrule-after-virtualservice", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  graph.EdgeInputs(graph.EdgeRouteSubset),
	Summary: "a DestinationRule comes after a VirtualService that routes to its subset: the route fails until it is applied",
	Fixable: true,
	Doc:     analyzers.MustDoc(ruleDocs, "ML7001"),
	Run:     runDestinationRuleAfterVirtualService,
}

func runDestinationRuleAfterVirtualService(p *analyzers.Pass) {
	var late lateDefinitions
	for _, e := range p.Graph.Edges(graph.EdgeRouteSubset) {
		dr := p.Graph.FirstApplied(e.To)
		if dr == nil || e.External || graph.AppliedBefore(dr, e.From) {
			continue
		}
		late.add(dr, subsetPath(dr, e.Ref), e.From, e.Path)
	}
	for _, d := range late.order {
		subset, _ := d.def.ValueAt(d.path)
		f := p.Report(d.def, d.path, "subset %q is defined after %s, which routes to it: applied in this order, the route fails (503, no route) until this DestinationRule exists; apply the DestinationRule first (make before break)",
			subset, d.describe())
		d.relateEarlier(f, fmt.Sprintf("routes to subset %q", subset))
		d.fixOrder(f)
	}
}

// subsetPath is the field that names subset in dr.
func subsetPath(dr *graph.Resource, subset string) string {
	for i, s := range dr.DestinationRule().GetSubsets() {
		if s.GetName() == subset {
			return fmt.Sprintf("spec.subsets[%d].name", i)
		}
	}
	return "spec.subsets"
}
