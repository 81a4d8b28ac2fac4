package security

import (
	"strconv"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// PeerAuthenticationDisableMutualDestinationRule reports a
// PeerAuthentication that turns mTLS off for workloads whose clients a
// DestinationRule tells to send ISTIO_MUTUAL.
var PeerAuthenticationDisableMutualDestinationRule = &analyzers.Rule{
	ID: "ML4004", Name: "peerauthentication-disable-mutual-destinationrule", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  mtlsInputs(),
	Summary: "a PeerAuthentication sets mTLS mode DISABLE for workloads a DestinationRule sends ISTIO_MUTUAL to",
	Doc:     analyzers.MustDoc(ruleDocs, "ML4004"),
	Run:     runPeerAuthenticationDisableMutualDestinationRule,
}

func runPeerAuthenticationDisableMutualDestinationRule(p *analyzers.Pass) {
	ruleNamespaces := destinationRuleNamespaces(p.Graph)
	reported := map[string]bool{}
	for _, sp := range sidecarServerPorts(p.Graph) {
		m := sp.mode
		if m.Mode != graph.MTLSDisable || m.Source == nil || reported[m.Source.String()+m.Path] {
			continue
		}
		for _, c := range clientsOf(p.Graph, sp, ruleNamespaces) {
			if c.tls.Mode != "ISTIO_MUTUAL" {
				continue
			}
			f := p.Report(m.Source, m.Path, "mTLS mode DISABLE makes the sidecar of %s accept only plain text, but DestinationRule %s has clients in namespace %s send ISTIO_MUTUAL to %s port %d: "+
				"the server sidecar does not terminate their TLS and connections fail; use PERMISSIVE here, or set the DestinationRule's tls mode to DISABLE for this host",
				sp.workload, c.tls.Rule.NamespacedName(), c.namespace, sp.host, sp.port)
			f.RelateResource(c.tls.Rule, c.tls.Path, "DestinationRule %s sends ISTIO_MUTUAL", c.tls.Rule.NamespacedName())
			reported[m.Source.String()+m.Path] = true
			break
		}
	}
}

// serverPortMode is the mode w accepts on the container port behind
// Service port sp. A port named, not numbered, is resolved only when w's
// policy sets no mode per port; otherwise the mode is unknown ("").
func serverPortMode(g *graph.Graph, w *graph.Workload, sp graph.ServicePort) graph.PeerAuthMode {
	m := g.WorkloadPeerAuth(w)
	if !m.PortLevel {
		return m
	}
	target := sp.Port
	if sp.TargetPort != "" {
		n, err := strconv.Atoi(sp.TargetPort)
		if err != nil || n <= 0 {
			return graph.PeerAuthMode{}
		}
		target = n
	}
	return g.WorkloadPortPeerAuth(w, target)
}
