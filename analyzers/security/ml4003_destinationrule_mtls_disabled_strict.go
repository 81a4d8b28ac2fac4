package security

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// DestinationRuleMTLSDisabledStrict reports a DestinationRule that sends
// plain text to workloads whose PeerAuthentication accepts only mTLS.
var DestinationRuleMTLSDisabledStrict = &analyzers.Rule{
	ID: "ML4003", Name: "destinationrule-mtls-disabled-strict", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  mtlsInputs(),
	Summary: "a DestinationRule sets TLS mode DISABLE toward workloads whose PeerAuthentication is STRICT",
	Doc:     analyzers.MustDoc(ruleDocs, "ML4003"),
	Run:     runDestinationRuleMTLSDisabledStrict,
}

func runDestinationRuleMTLSDisabledStrict(p *analyzers.Pass) {
	ruleNamespaces := destinationRuleNamespaces(p.Graph)
	reported := map[string]bool{}
	for _, sp := range sidecarServerPorts(p.Graph) {
		m := sp.mode
		if m.Mode != graph.MTLSStrict || m.Source == nil {
			continue
		}
		for _, c := range clientsOf(p.Graph, sp, ruleNamespaces) {
			key := c.tls.Rule.String() + c.tls.Path
			if c.tls.Mode != "DISABLE" || c.tls.Rule.Implied != "" || reported[key] {
				continue
			}
			f := p.Report(c.tls.Rule, c.tls.Path, "TLS mode DISABLE has clients in namespace %s send plain text to %s port %d, but its workload %s accepts only mTLS (PeerAuthentication %s is STRICT): connections fail; "+
				"remove the tls setting (Istio then sends mTLS itself) or write mode: ISTIO_MUTUAL", c.namespace, sp.host, sp.port, sp.workload, m.Source.NamespacedName())
			f.RelateResource(m.Source, m.Path, "PeerAuthentication %s requires mTLS", m.Source.NamespacedName())
			reported[key] = true
		}
	}
}
