package lifecycle

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// NamespaceAfterResources reports a Namespace applied after resources
// in it.
var NamespaceAfterResources = &analyzers.Rule{
	ID: "ML7002", Name: "namespace-after-resources", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary: "a Namespace comes after resources in it: applying them fails until the Namespace exists",
	Fixable: true,
	Doc:     analyzers.MustDoc(ruleDocs, "ML7002"),
	Run:     runNamespaceAfterResources,
}

func runNamespaceAfterResources(p *analyzers.Pass) {
	var late lateDefinitions
	for _, r := range p.Graph.Resources {
		// A namespace the document does not write is the one the files are
		// applied with, which may exist already: only a written one is judged.
		// A placeholder is filled in by a tool first: not judged.
		if r.NamespaceDefaulted || r.Namespace == "" || graph.IsClusterScoped(r.Kind) || graph.HasPlaceholder(r.Namespace) {
			continue
		}
		ns := p.Graph.Namespace(r.Namespace)
		if ns == nil {
			continue
		}
		if first := p.Graph.FirstCopy(ns); graph.AppliedBefore(r, first) {
			late.add(first, "metadata.name", r, "metadata.namespace")
		}
	}
	for _, d := range late.order {
		f := p.Report(d.def, d.path, "Namespace %s comes after %s in it: applied in this order, creating them fails until the Namespace exists; move the Namespace before them",
			d.def.Name, d.describe())
		d.relateEarlier(f, "is in this namespace")
		d.fixOrder(f)
	}
}
