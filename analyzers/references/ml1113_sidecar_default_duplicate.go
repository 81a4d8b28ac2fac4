package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// SidecarDefaultDuplicate reports namespaces with more than one Sidecar
// without workload selector: each claims to be the namespace's default,
// and proxies take one of them only.
var SidecarDefaultDuplicate = &analyzers.Rule{
	ID: "ML1113", Name: "sidecar-default-duplicate", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindSidecar, graph.KindNamespace},
	Summary:        "a namespace has several Sidecars without workload selector, of which proxies apply only one",
	Istio:          []string{"IST0111"},
	IstioAnalyzers: []string{"sidecar.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML1113"),
	Run:            runSidecarDefaultDuplicate,
}

func runSidecarDefaultDuplicate(p *analyzers.Pass) {
	for _, group := range p.Graph.NamespaceDefaultPolicies(graph.KindSidecar) {
		if len(group) < 2 || ambientNamespace(p.Graph, group[0].Namespace) {
			continue
		}
		for _, r := range group {
			f := p.Report(r, "metadata.name", "Sidecar %s has no workloadSelector, and neither has %s in namespace %q: proxies take a single default Sidecar per namespace, the oldest, "+
				"so the others are silently ignored; merge them into one, or give all but one a workloadSelector", r.Name, otherNames(group, r), r.Namespace)
			for _, other := range group {
				if other != r {
					f.RelateResource(other, "metadata.name", "%s is also a default Sidecar of namespace %q", other, r.Namespace)
				}
			}
		}
	}
}

// ambientNamespace reports whether the files' Namespace object puts its
// pods in ambient mode, where no sidecar reads a Sidecar.
func ambientNamespace(g *graph.Graph, ns string) bool {
	n := g.Namespace(ns)
	return n != nil && graph.NamespaceInjection(n) == graph.InjectionAmbient
}
