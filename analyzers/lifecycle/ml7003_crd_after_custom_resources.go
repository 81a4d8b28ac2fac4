package lifecycle

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// CRDAfterCustomResources reports a CustomResourceDefinition applied
// after custom resources of the kind it defines.
var CRDAfterCustomResources = &analyzers.Rule{
	ID: "ML7003", Name: "crd-after-custom-resources", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "a CustomResourceDefinition comes after resources of its kind: applying them fails until the kind exists",
	Fixable: true,
	Doc:     analyzers.MustDoc(ruleDocs, "ML7003"),
	Run:     runCRDAfterCustomResources,
}

func runCRDAfterCustomResources(p *analyzers.Pass) {
	defs := p.Graph.Definitions()
	if len(defs) == 0 {
		return
	}
	var late lateDefinitions
	for _, r := range p.Graph.Resources {
		crd := p.Graph.FirstApplied(defs[r.GroupKind()])
		if crd != nil && graph.AppliedBefore(r, crd) {
			late.add(crd, "spec.names.kind", r, "kind")
		}
	}
	for _, d := range late.order {
		gk, _ := graph.DefinedKind(d.def)
		f := p.Report(d.def, d.path, "CustomResourceDefinition %s defines kind %s, which %s uses before it: applied in this order, creating them fails until the kind exists; move the CustomResourceDefinition before them",
			d.def.Name, gk.Kind, d.describe())
		d.relateEarlier(f, "is of this kind")
		d.fixOrder(f)
	}
}
