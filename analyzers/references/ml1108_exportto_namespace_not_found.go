package references

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/k8svalid"
	"github.com/meshlint/meshlint/schemas"
)

// ExportToNamespaceNotFound reports exportTo entries that name a namespace
// the input, which lists its namespaces, does not have.
var ExportToNamespaceNotFound = &analyzers.Rule{
	ID: "ML1108", Name: "exportto-namespace-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	// Nil: whether a namespace is known depends on every resource in it.
	Inputs:  nil,
	Summary: "an exportTo entry names a namespace that is not in the analyzed manifests",
	Doc:     analyzers.MustDoc(ruleDocs, "ML1108"),
	Run:     runExportToNamespaceNotFound,
}

// exportKinds are the kinds that have exportTo.
var exportKinds = []graph.GroupKind{graph.KindVirtualService, graph.KindDestinationRule, graph.KindServiceEntry, graph.KindService}

func runExportToNamespaceNotFound(p *analyzers.Pass) {
	if !p.Graph.NamespacesListed() {
		return // without Namespace objects or externals.namespaces, the files do not say which exist
	}
	known := p.Graph.KnownNamespaces()
	for _, kind := range exportKinds {
		for _, r := range p.Graph.OfKind(kind) {
			if r.Implied != "" {
				continue
			}
			for _, e := range graph.ExportEntries(r) {
				if !namespaceValue(e.Value) || p.Graph.NamespaceKnown(e.Value) {
					continue
				}
				p.Report(r, e.Path, "exportTo names namespace %q, which is not in the analyzed manifests (no Namespace object and no resource in it): "+
					"if it is a typo, the %s is not exported to the namespace meant%s; if the namespace is created elsewhere, declare it in externals.namespaces",
					e.Value, r.Kind, namespaceHint(e.Value, known)).WithKey(e.Value)
			}
		}
	}
}

// namespaceHint suggests the known namespace ns likely misspells.
func namespaceHint(ns string, known []string) string {
	if s := schemas.Suggest(ns, known); s != "" {
		return fmt.Sprintf(" (did you mean %q?)", s)
	}
	return ""
}

// namespaceValue reports whether an exportTo value names a namespace: not
// ".", "*" or "~", and not a placeholder or an invalid name (reported by
// the validation rules).
func namespaceValue(v string) bool {
	return v != "." && v != "*" && v != "~" && !graph.HasPlaceholder(v) && k8svalid.IsDNS1123Label(v)
}
