package security

import (
	"slices"
	"strconv"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// PeerAuthenticationDisableMutualDestinationRule reports a
// PeerAuthentication that turns mTLS off for workloads whose clients a
// DestinationRule tells to send ISTIO_MUTUAL.
var PeerAuthenticationDisableMutualDestinationRule = &analyzers.Rule{
	ID: "ML4004", Name: "peerauthentication-disable-mutual-destinationrule", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs: append(graph.EdgeInputs(graph.EdgeServiceWorkload),
		graph.KindPeerAuthentication, graph.KindNamespace, graph.KindDestinationRule),
	Summary: "a PeerAuthentication sets mTLS mode DISABLE for workloads a DestinationRule sends ISTIO_MUTUAL to",
	Doc:     analyzers.MustDoc(ruleDocs, "ML4004"),
	Run:     runPeerAuthenticationDisableMutualDestinationRule,
}

func runPeerAuthenticationDisableMutualDestinationRule(p *analyzers.Pass) {
	clientNamespaces := destinationRuleNamespaces(p.Graph)
	reported := map[string]bool{}
	for _, svc := range p.Graph.OfKind(graph.KindService) {
		if svc.Implied != "" || svc.Service == nil {
			continue
		}
		host := svc.Name + "." + svc.Namespace + ".svc." + p.Graph.Options().ClusterDomain
		namespaces := append([]string{svc.Namespace}, clientNamespaces...)
		for _, e := range p.Graph.EdgesFrom(svc, graph.EdgeServiceWorkload) {
			for _, w := range e.Workloads {
				// A gateway's listeners come from Gateway resources, not
				// from PeerAuthentication.
				if w.Implied() || graph.IsControlPlane(w.Labels) || p.Graph.Injection(w.Resource).Mode != graph.ModeSidecar {
					continue
				}
				for _, sp := range svc.Service.Ports {
					m := serverPortMode(p.Graph, w, sp)
					if m.Mode != graph.MTLSDisable || m.Source == nil || reported[m.Source.String()+m.Path] {
						continue
					}
					if reportMutualClients(p, m, w, host, sp.Port, namespaces) {
						reported[m.Source.String()+m.Path] = true
					}
				}
			}
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

// reportMutualClients reports m when the DestinationRules clients in one
// of namespaces apply to host:port send ISTIO_MUTUAL.
func reportMutualClients(p *analyzers.Pass, m graph.PeerAuthMode, w *graph.Workload, host string, port int, namespaces []string) bool {
	for _, ns := range namespaces {
		tls, decided := graph.PortClientTLS(p.Graph.ClientDestinationRules(host, ns), port)
		if !decided || tls.Mode != "ISTIO_MUTUAL" {
			continue
		}
		f := p.Report(m.Source, m.Path, "mTLS mode DISABLE makes the sidecar of %s accept only plain text, but DestinationRule %s has clients in namespace %s send ISTIO_MUTUAL to %s port %d: "+
			"the server sidecar does not terminate their TLS and connections fail; use PERMISSIVE here, or set the DestinationRule's tls mode to DISABLE for this host",
			w, tls.Rule.NamespacedName(), ns, host, port)
		f.RelateResource(tls.Rule, tls.Path, "DestinationRule %s sends ISTIO_MUTUAL", tls.Rule.NamespacedName())
		return true
	}
	return false
}

// destinationRuleNamespaces are the namespaces holding DestinationRules,
// sorted: the client namespaces whose own rules may differ.
func destinationRuleNamespaces(g *graph.Graph) []string {
	var out []string
	for _, r := range g.OfKind(graph.KindDestinationRule) {
		out = append(out, r.Namespace)
	}
	slices.Sort(out)
	return slices.Compact(out)
}
