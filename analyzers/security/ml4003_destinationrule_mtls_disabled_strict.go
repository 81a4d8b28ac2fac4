package security

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleMTLSDisabledStrict reports a DestinationRule that sends
// plain text to workloads whose PeerAuthentication accepts only mTLS.
var DestinationRuleMTLSDisabledStrict = &analyzers.Rule{
	ID: "ML4003", Name: "destinationrule-mtls-disabled-strict", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs: append(graph.EdgeInputs(graph.EdgeDestinationRuleHost),
		append([]graph.GroupKind{graph.KindPeerAuthentication}, graph.InjectionInputs()...)...),
	Summary: "a DestinationRule sets TLS mode DISABLE toward workloads whose PeerAuthentication is STRICT",
	Doc:     analyzers.MustDoc(ruleDocs, "ML4003"),
	Run:     runDestinationRuleMTLSDisabledStrict,
}

func runDestinationRuleMTLSDisabledStrict(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindDestinationRule) {
		dr := r.DestinationRule()
		if r.Implied != "" || dr == nil {
			continue
		}
		if dr.GetTrafficPolicy().GetTls().GetMode() == networking.ClientTLSSettings_DISABLE {
			reportStrictTargets(p, r, "spec.trafficPolicy.tls.mode", false)
		}
		for i, pls := range dr.GetTrafficPolicy().GetPortLevelSettings() {
			if pls.GetTls().GetMode() == networking.ClientTLSSettings_DISABLE {
				reportStrictTargets(p, r, graph.IndexPath("spec.trafficPolicy.portLevelSettings", i)+".tls.mode", true)
			}
		}
	}
}

// reportStrictTargets reports the field at path when a workload behind
// the DestinationRule's host has a sidecar and accepts only mTLS. A
// workload whose policy sets modes per port is skipped when the
// DestinationRule's setting is for one port: which ports match is not
// checked.
func reportStrictTargets(p *analyzers.Pass, dr *graph.Resource, path string, onePort bool) {
	for _, e := range p.Graph.EdgesFrom(dr, graph.EdgeDestinationRuleHost) {
		for _, svc := range e.To {
			for _, se := range p.Graph.EdgesFrom(svc, graph.EdgeServiceWorkload) {
				for _, w := range se.Workloads {
					m := p.Graph.WorkloadPeerAuth(w)
					if m.Mode != graph.MTLSStrict || (m.PortLevel && onePort) || w.Implied() || p.Graph.Injection(w.Resource).Mode != graph.ModeSidecar {
						continue
					}
					f := p.Report(dr, path, "TLS mode DISABLE sends plain text to %s, but its workload %s accepts only mTLS (PeerAuthentication %s is STRICT): connections fail; "+
						"remove the tls setting (Istio then sends mTLS itself) or write mode: ISTIO_MUTUAL", dr.DestinationRule().GetHost(), w, m.Source.NamespacedName())
					f.RelateResource(m.Source, "spec.mtls.mode", "PeerAuthentication %s requires mTLS", m.Source.NamespacedName())
					return
				}
			}
		}
	}
}
