package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// SidecarSelectorConflict reports Sidecars whose workload selectors pick
// the same workload: its proxy takes one of them only.
var SidecarSelectorConflict = &analyzers.Rule{
	ID: "ML1112", Name: "sidecar-selector-conflict", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         append(graph.EdgeInputs(graph.EdgePolicyWorkload), graph.InjectionInputs()...),
	Summary:        "several Sidecars' workload selectors select the same workload, which applies only one of them",
	Istio:          []string{"IST0110"},
	IstioAnalyzers: []string{"sidecar.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1112"),
	Run:            runSidecarSelectorConflict,
}

func runSidecarSelectorConflict(p *analyzers.Pass) {
	reported := map[*graph.Resource]bool{}
	for _, o := range p.Graph.PolicyOverlaps(graph.KindSidecar) {
		// Pods without a sidecar proxy take no Sidecar at all (ML3005).
		if m := p.Graph.Injection(o.Workload.Resource).Mode; m == graph.ModeAmbient || m == graph.ModeOutside {
			continue
		}
		for _, r := range o.Policies {
			if reported[r] {
				continue
			}
			reported[r] = true
			_, path := graph.PolicySelector(r)
			f := p.Report(r, path, "%s is also selected by %s: a proxy takes a single Sidecar, the oldest, so the others' settings are silently ignored for it; "+
				"make the selectors disjoint, or merge the Sidecars into one", o.Workload, otherNames(o.Policies, r))
			for _, other := range o.Policies {
				if other != r {
					f.RelateResource(other, path, "%s also selects %s", other, o.Workload)
				}
			}
		}
	}
}

// otherNames lists the names of the resources other than r.
func otherNames(rs []*graph.Resource, r *graph.Resource) string {
	s := ""
	for _, o := range rs {
		if o == r {
			continue
		}
		if s != "" {
			s += ", "
		}
		s += o.String()
	}
	return s
}
