package extensions

import (
	"strings"

	telemetry "istio.io/api/telemetry/v1alpha1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// TelemetrySelectorOverlap reports Telemetries whose selectors pick the
// same workload and configure the same kind of telemetry: Istio merges
// them in creation order, which the files do not give.
var TelemetrySelectorOverlap = &analyzers.Rule{
	ID: "ML6008", Name: "telemetry-selector-overlap", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgePolicyWorkload),
	Summary:        "several Telemetries select the same workload and set the same kind of telemetry, merged in creation order",
	Istio:          []string{"IST0159"},
	IstioAnalyzers: []string{"telemetry.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML6008"),
	Run:            runTelemetrySelectorOverlap,
}

func runTelemetrySelectorOverlap(p *analyzers.Pass) {
	reported := map[*graph.Resource]bool{}
	for _, o := range p.Graph.PolicyOverlaps(graph.KindTelemetry) {
		for _, r := range o.Policies {
			others, sections := sharedSections(r, o.Policies)
			if reported[r] || len(others) == 0 {
				continue
			}
			reported[r] = true
			_, path := graph.PolicySelector(r)
			f := p.Report(r, path, "%s is also selected by %s, which set %s too: Istio merges the Telemetries of a workload in creation order, the newest winning, "+
				"so which settings apply depends on the order they were applied in; make the selectors disjoint, or merge the Telemetries into one",
				o.Workload, resourceNames(others), strings.Join(sections, " and "))
			for _, other := range others {
				f.RelateResource(other, path, "%s also selects %s", other, o.Workload)
			}
		}
	}
}

// sharedSections returns the policies other than r that configure a kind
// of telemetry r configures too, and those kinds.
func sharedSections(r *graph.Resource, policies []*graph.Resource) ([]*graph.Resource, []string) {
	mine := telemetrySections(r)
	var others []*graph.Resource
	shared := map[string]bool{}
	for _, o := range policies {
		if o == r {
			continue
		}
		found := false
		for s, set := range telemetrySections(o) {
			if set && mine[s] {
				shared[s], found = true, true
			}
		}
		if found {
			others = append(others, o)
		}
	}
	var out []string
	for _, s := range []string{"metrics", "accessLogging", "tracing"} {
		if shared[s] {
			out = append(out, s)
		}
	}
	return others, out
}

// telemetrySections lists the kinds of telemetry a Telemetry sets.
func telemetrySections(r *graph.Resource) map[string]bool {
	t, _ := r.Spec.(*telemetry.Telemetry)
	return map[string]bool{"metrics": len(t.GetMetrics()) > 0, "accessLogging": len(t.GetAccessLogging()) > 0, "tracing": len(t.GetTracing()) > 0}
}

// resourceNames lists resources for messages.
func resourceNames(rs []*graph.Resource) string {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = r.String()
	}
	return strings.Join(names, ", ")
}
