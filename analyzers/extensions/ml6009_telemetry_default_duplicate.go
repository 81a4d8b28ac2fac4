package extensions

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// TelemetryDefaultDuplicate reports namespaces with more than one
// Telemetry without selector or targetRefs: Istio applies the oldest as
// the namespace's (or, in the root namespace, the mesh's) default and
// ignores the others.
var TelemetryDefaultDuplicate = &analyzers.Rule{
	ID: "ML6009", Name: "telemetry-default-duplicate", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindTelemetry},
	Summary:        "a namespace has several Telemetries without selector, of which Istio applies only one",
	Istio:          []string{"IST0160"},
	IstioAnalyzers: []string{"telemetry.DefaultSelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML6009"),
	Run:            runTelemetryDefaultDuplicate,
}

func runTelemetryDefaultDuplicate(p *analyzers.Pass) {
	for _, group := range p.Graph.NamespaceDefaultPolicies(graph.KindTelemetry) {
		if len(group) < 2 {
			continue
		}
		for _, r := range group {
			others := without(group, r)
			f := p.Report(r, "metadata.name", "Telemetry %s has no selector or targetRefs, and neither has %s in namespace %q: Istio applies a single default Telemetry per namespace, "+
				"the oldest, and silently ignores the others; merge them into one, or give all but one a selector", r.Name, resourceNames(others), r.Namespace)
			for _, other := range others {
				f.RelateResource(other, "metadata.name", "%s is also a default Telemetry of namespace %q", other, r.Namespace)
			}
		}
	}
}

// without returns rs without r.
func without(rs []*graph.Resource, r *graph.Resource) []*graph.Resource {
	var out []*graph.Resource
	for _, o := range rs {
		if o != r {
			out = append(out, o)
		}
	}
	return out
}
