package security

import (
	"slices"

	"github.com/meshlint/meshlint/graph"
)

// mtlsInputs are the kinds the mTLS consistency rules read: Services and
// their workloads, whether those get a sidecar, their PeerAuthentications
// and the DestinationRules of their clients.
func mtlsInputs() []graph.GroupKind {
	return slices.Concat(graph.EdgeInputs(graph.EdgeServiceWorkload), graph.InjectionInputs(),
		[]graph.GroupKind{graph.KindPeerAuthentication, graph.KindDestinationRule})
}

// serverPort is a Service port backed by a sidecar workload, with the
// mTLS mode the workload accepts on it.
type serverPort struct {
	workload *graph.Workload
	host     string // the Service's FQDN
	port     int
	mode     graph.PeerAuthMode
}

// sidecarServerPorts lists, for every Service in the files, each port of
// each workload behind it that runs a sidecar: the server side of mTLS.
// Gateways are left out: their listeners come from Gateway resources, not
// from PeerAuthentication.
func sidecarServerPorts(g *graph.Graph) []serverPort {
	var out []serverPort
	for _, svc := range g.OfKind(graph.KindService) {
		if svc.Implied != "" || svc.Service == nil {
			continue
		}
		host := svc.Name + "." + svc.Namespace + ".svc." + g.Options().ClusterDomain
		for _, e := range g.EdgesFrom(svc, graph.EdgeServiceWorkload) {
			for _, w := range e.Workloads {
				if w.Implied() || graph.IsControlPlane(w.Labels) || g.Injection(w.Resource).Mode != graph.ModeSidecar {
					continue
				}
				for _, sp := range svc.Service.Ports {
					out = append(out, serverPort{workload: w, host: host, port: sp.Port, mode: serverPortMode(g, w, sp)})
				}
			}
		}
	}
	return out
}

// clientTLS is what the sidecars of one namespace send to a server port,
// as the DestinationRules they apply say.
type clientTLS struct {
	namespace string
	tls       graph.ClientTLS
}

// clientsOf lists what clients send to sp: those in the Service's
// namespace and in every namespace holding DestinationRules (other
// namespaces see the same rules as one of these). Namespaces where the
// files cannot tell are left out.
func clientsOf(g *graph.Graph, sp serverPort, ruleNamespaces []string) []clientTLS {
	_, svcNS, _ := graph.SplitServiceFQDN(sp.host, g.Options().ClusterDomain)
	var out []clientTLS
	for _, ns := range slices.Compact(append([]string{svcNS}, ruleNamespaces...)) {
		if tls, decided := graph.PortClientTLS(g.ClientDestinationRules(sp.host, ns), sp.port); decided && tls.Rule != nil {
			out = append(out, clientTLS{namespace: ns, tls: tls})
		}
	}
	return out
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
