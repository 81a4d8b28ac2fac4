package gateways

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPIListenerConflict reports listeners of one Gateway that share a
// port with an earlier listener Istio cannot serve beside them.
var GatewayAPIListenerConflict = &analyzers.Rule{
	ID: "ML5209", Name: "gatewayapi-listener-conflict", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindK8sGateway},
	Summary: "two listeners of a Gateway share a port with protocols or hostnames that cannot coexist, so the later one is not programmed",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5209"),
	Run:     runGatewayAPIListenerConflict,
}

func runGatewayAPIListenerConflict(p *analyzers.Pass) {
	for _, gw := range p.Graph.OfKind(graph.KindK8sGateway) {
		if gw.Implied != "" {
			continue
		}
		var accepted []graph.Listener
		for _, l := range gw.GatewayListeners() {
			prior, conflict := firstConflict(l, accepted)
			if !conflict {
				accepted = append(accepted, l)
				continue
			}
			p.Report(gw, graph.JoinPath(l.Path, "protocol"),
				"listener %s (port %d, %s) conflicts with listener %s (port %d, %s) on the same port: one port carries either TCP/UDP or HTTP, HTTPS and TLS, and HTTP-like listeners on it need distinct hostnames; Istio marks the later listener Conflicted (ProtocolConflict) and routes do not attach to it; move it to another port or give it its own hostname",
				l, l.Port, l.Protocol, prior, prior.Port, prior.Protocol).
				RelateResource(gw, prior.Path, "listener %s", prior)
		}
	}
}

// firstConflict is the first of accepted that l cannot coexist with, as
// Istio's controller decides. Exact duplicates (port, protocol and
// hostname) are left to the CRD's validation, which refuses them.
func firstConflict(l graph.Listener, accepted []graph.Listener) (graph.Listener, bool) {
	if l.Templated || l.Port == 0 {
		return graph.Listener{}, false
	}
	for _, prior := range accepted {
		if prior.Templated || prior.Port != l.Port || prior.Protocol == l.Protocol {
			continue
		}
		if !listenersDistinct(l, prior) {
			return prior, true
		}
	}
	return graph.Listener{}, false
}

// listenersDistinct: listeners on one port coexist when both are HTTP-like
// (HTTP, HTTPS, TLS) with different hostnames; TCP or UDP listeners share
// a port with nothing of another protocol.
func listenersDistinct(a, b graph.Listener) bool {
	if a.Port != b.Port {
		return true
	}
	switch {
	case layer4(a.Protocol) && (layer4(b.Protocol) || httpLike(b.Protocol)), layer4(b.Protocol) && httpLike(a.Protocol):
		return false
	case httpLike(a.Protocol) && httpLike(b.Protocol):
		return listenerHost(a) != listenerHost(b)
	}
	return a.Protocol != b.Protocol
}

func layer4(p string) bool   { return p == "TCP" || p == "UDP" }
func httpLike(p string) bool { return p == "HTTP" || p == "HTTPS" || p == "TLS" }

func listenerHost(l graph.Listener) string {
	if l.Hostname == "" {
		return "*"
	}
	return l.Hostname
}
