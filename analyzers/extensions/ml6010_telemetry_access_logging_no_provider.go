package extensions

import (
	telemetry "istio.io/api/telemetry/v1alpha1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// TelemetryAccessLoggingNoProvider reports an accessLogging entry that
// names no provider while the mesh config has no default access-logging
// provider.
var TelemetryAccessLoggingNoProvider = &analyzers.Rule{
	ID: "ML6010", Name: "telemetry-access-logging-no-provider", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindTelemetry},
	Summary:        "a Telemetry's accessLogging entry names no provider and the mesh config has no default one",
	Istio:          []string{"IST0157"},
	IstioAnalyzers: []string{"telemetry.ProviderAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML6010"),
	Run:            runTelemetryAccessLoggingNoProvider,
}

func runTelemetryAccessLoggingNoProvider(p *analyzers.Pass) {
	if d := p.Graph.Options().Mesh.DefaultProviders; d != nil && len(d.AccessLogging) > 0 {
		return
	}
	for _, r := range p.Graph.OfKind(graph.KindTelemetry) {
		t, _ := r.Spec.(*telemetry.Telemetry)
		if r.Implied != "" || t == nil {
			continue
		}
		for i, l := range t.GetAccessLogging() {
			if len(l.GetProviders()) > 0 || l.GetDisabled().GetValue() {
				continue
			}
			p.Report(r, graph.IndexPath("spec.accessLogging", i), "this accessLogging entry names no provider, and the mesh config sets no defaultProviders.accessLogging: "+
				"it turns on no access log of its own, and its filter and match are not applied; name the provider (providers: [{name: envoy}]), "+
				"or set defaultProviders.accessLogging in the mesh config (pass it with --mesh-config)")
		}
	}
}
