package security

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// AuthorizationPolicySourceNamespaceNotFound reports source.namespaces and
// source.notNamespaces values that match no namespace of the input, when
// the input lists its namespaces.
var AuthorizationPolicySourceNamespaceNotFound = &analyzers.Rule{
	ID: "ML4007", Name: "authorizationpolicy-source-namespace-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	// Nil: whether a namespace is known depends on every resource in it.
	Inputs:         nil,
	Summary:        "an AuthorizationPolicy's source namespaces name a namespace the input does not have",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"auth.AuthorizationPoliciesAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML4007"),
	Run:            runAuthorizationPolicySourceNamespaceNotFound,
}

func runAuthorizationPolicySourceNamespaceNotFound(p *analyzers.Pass) {
	if !p.Graph.NamespacesListed() {
		return
	}
	for _, r := range p.Graph.OfKind(graph.KindAuthorizationPolicy) {
		ap := r.AuthorizationPolicy()
		if r.Implied != "" || ap == nil {
			continue
		}
		for i, rule := range ap.GetRules() {
			for j, from := range rule.GetFrom() {
				base := graph.IndexPath(graph.IndexPath("spec.rules", i)+".from", j) + ".source"
				reportUnknownNamespaces(p, r, base+".namespaces", from.GetSource().GetNamespaces(), "never matches")
				reportUnknownNamespaces(p, r, base+".notNamespaces", from.GetSource().GetNotNamespaces(), "excludes nothing")
			}
		}
	}
}

func reportUnknownNamespaces(p *analyzers.Pass, r *graph.Resource, field string, values []string, effect string) {
	for k, v := range values {
		if graph.HasPlaceholder(v) || p.Graph.NamespaceMatches(v) {
			continue
		}
		p.Report(r, graph.IndexPath(field, k), "namespace %q matches no namespace of the analyzed manifests, which declare their namespaces: the entry %s; "+
			"check the name (or declare the namespace in externals.namespaces if it lives elsewhere)", v, effect)
	}
}
