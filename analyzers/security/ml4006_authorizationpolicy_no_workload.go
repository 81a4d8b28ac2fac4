package security

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// AuthorizationPolicyNoWorkload reports an AuthorizationPolicy that applies
// to no workload: its selector matches none where the files show the
// workloads, or it is namespace-wide in a namespace the files neither
// declare nor run anything in.
var AuthorizationPolicyNoWorkload = &analyzers.Rule{
	ID: "ML4006", Name: "authorizationpolicy-no-workload", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         append(graph.EdgeInputs(graph.EdgePolicyWorkload), graph.KindNamespace),
	Summary:        "an AuthorizationPolicy applies to no workload: its selector matches none, or its namespace has none",
	Istio:          []string{"IST0127"},
	IstioAnalyzers: []string{"auth.AuthorizationPoliciesAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML4006"),
	Run:            runAuthorizationPolicyNoWorkload,
}

func runAuthorizationPolicyNoWorkload(p *analyzers.Pass) {
	for _, e := range p.Graph.UnmatchedPolicySelectors(graph.KindAuthorizationPolicy) {
		where := "namespace " + e.From.Namespace
		if e.From.Namespace == p.Graph.Options().Mesh.RootNamespace {
			where = "any namespace (it is in the root namespace)"
		}
		p.Report(e.From, e.Path, "selector %q matches no workload in %s, where the manifests beside it define others: the policy is enforced nowhere, "+
			"so the requests it was written to allow or deny are not checked by it; fix the labels, or remove the policy", e.Target, where)
	}
	for _, e := range p.Graph.Edges(graph.EdgePolicyWorkload) {
		if e.NamespaceWide() && emptyUndeclaredNamespace(p.Graph, e) {
			p.Report(e.From, "metadata.namespace", "namespace %q has no Namespace object and no workload in the analyzed manifests, which declare their namespaces: "+
				"this namespace-wide policy applies to nothing; check the namespace's name (or declare it in externals.namespaces if it lives elsewhere)", e.From.Namespace)
		}
	}
}

// emptyUndeclaredNamespace reports whether a namespace-wide policy sits in
// a namespace the input neither declares nor runs workloads in, while it
// declares namespaces and runs workloads elsewhere: then the namespace
// most likely does not exist.
func emptyUndeclaredNamespace(g *graph.Graph, e *graph.Edge) bool {
	ns := e.From.Namespace
	return e.From.Implied == "" && e.Target != "*" && g.NamespacesListed() && !g.NamespaceDeclared(ns) &&
		!g.WorkloadsShownIn(ns) && g.WorkloadsShownIn("")
}
