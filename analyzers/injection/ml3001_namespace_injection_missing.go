package injection

import (
	"fmt"
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// NamespaceInjectionMissing reports Namespaces that hold workloads but do
// not ask for sidecar or ambient injection. It is information, as
// istioctl's IST0102 is: a namespace may stay outside the mesh on purpose
// (a SPIRE server, a database), and the message says how to record that.
var NamespaceInjectionMissing = &analyzers.Rule{
	ID: "ML3001", Name: "namespace-injection-missing", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         graph.InjectionInputs(),
	Summary:        "a Namespace holds workloads but has no injection label",
	Istio:          []string{"IST0102"},
	IstioAnalyzers: []string{"injection.Analyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3001"),
	Options:        []analyzers.OptionSpec{ignoreNamespaces},
	Run:            runNamespaceInjectionMissing,
}

// ignoreNamespaces are namespaces whose workloads are meant to run outside
// the mesh: the system namespaces never get injection.
var ignoreNamespaces = &analyzers.Option[[]string]{
	Name:    "ignoreNamespaces",
	Doc:     "namespaces whose workloads are meant to run outside the mesh",
	Default: []string{"istio-system", "kube-system", "kube-public", "kube-node-lease", "local-path-storage"},
}

func runNamespaceInjectionMissing(p *analyzers.Pass) {
	members := map[*graph.Resource][]*graph.Resource{}
	for _, e := range p.Graph.Edges(graph.EdgeWorkloadNamespace) {
		// enableNamespacesByDefault injects pods of unlabelled namespaces.
		if v := p.Graph.Injection(e.From); len(e.To) == 1 && !v.ByWorkload && v.Mode != graph.ModeSidecar {
			members[e.To[0]] = append(members[e.To[0]], e.From)
		}
	}
	ignored := ignoreNamespaces.Value(p)
	for _, ns := range p.Graph.OfKind(graph.KindNamespace) {
		ws := members[ns]
		if len(ws) == 0 || slices.Contains(ignored, ns.Name) || graph.NamespaceInjection(ns) != graph.InjectionNone {
			continue
		}
		path := "metadata.name"
		if ns.Labels != nil {
			path = "metadata.labels"
		}
		f := p.Report(ns, path, "namespace %q holds %s but has no injection label (istio-injection, istio.io/rev or istio.io/dataplane-mode): its pods will run outside the mesh; "+
			"label it istio-injection: enabled to join the mesh, or istio-injection: disabled if it stays outside on purpose",
			ns.Name, plural(len(ws), "workload"))
		f.Relate(ws[0].Location("metadata.name"), "%s runs in this namespace", ws[0])
	}
}

func plural(n int, word string) string {
	if n == 1 {
		return "1 " + word
	}
	return fmt.Sprintf("%d %ss", n, word)
}
