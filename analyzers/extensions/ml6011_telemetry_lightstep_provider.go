package extensions

import (
	telemetry "istio.io/api/telemetry/v1alpha1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// TelemetryLightstepProvider reports a Telemetry that traces through an
// extension provider of the deprecated lightstep type.
var TelemetryLightstepProvider = &analyzers.Rule{
	ID: "ML6011", Name: "telemetry-lightstep-provider", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindTelemetry, graph.KindIstioOperator},
	Summary:        "a Telemetry traces through a Lightstep extension provider, which is deprecated",
	Istio:          []string{"IST0002"},
	IstioAnalyzers: []string{"telemetry.LightstepAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML6011"),
	Run:            runTelemetryLightstepProvider,
}

func runTelemetryLightstepProvider(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindTelemetry) {
		t, _ := r.Spec.(*telemetry.Telemetry)
		if r.Implied != "" {
			continue
		}
		for i, tr := range t.GetTracing() {
			for j, ref := range tr.GetProviders() {
				ep, ok := p.Graph.ExtensionProvider(ref.GetName())
				if !ok || ep.Type != "lightstep" {
					continue
				}
				path := graph.IndexPath(graph.IndexPath("spec.tracing", i)+".providers", j) + ".name"
				f := p.Report(r, path, "provider %q is a lightstep extension provider, which Istio deprecates (Lightstep moved to OpenTelemetry): "+
					"define an opentelemetry extension provider that sends to the same collector and name it here", ref.GetName())
				if ep.Source != nil {
					f.RelateResource(ep.Source, ep.Path, "%s defines provider %q as lightstep", ep.Source, ep.Name)
				}
			}
		}
	}
}
