package gateways

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayHTTPSRedirectOnTLSServer reports tls.httpsRedirect on a server
// whose port already carries TLS, where it redirects nothing.
var GatewayHTTPSRedirectOnTLSServer = &analyzers.Rule{
	ID: "ML5001", Name: "gateway-https-redirect-on-tls-server", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindGateway},
	Summary: "a Gateway server on an HTTPS or TLS port sets tls.httpsRedirect, which redirects nothing there",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5001"),
	Run:     runGatewayHTTPSRedirectOnTLSServer,
}

func runGatewayHTTPSRedirectOnTLSServer(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		gw := r.Gateway()
		if r.Implied != "" || gw == nil {
			continue
		}
		for i, s := range gw.GetServers() {
			if !s.GetTls().GetHttpsRedirect() || !graph.IsTLSServer(s) {
				continue
			}
			path := graph.IndexPath("spec.servers", i) + ".tls.httpsRedirect"
			p.Report(r, path, "httpsRedirect %s; %s", redirectEffect(s), redirectAdvice(gw, s))
		}
	}
}

// redirectEffect says what Istio does with the flag on a TLS server: it
// marks the virtual hosts of a terminating HTTPS server as requiring TLS,
// which requests over that listener already satisfy, and ignores it where
// connections are proxied without HTTP.
func redirectEffect(s *networking.Server) string {
	if graph.GatewayServerRouting(s) == graph.ServerHTTP {
		return "has no effect on this HTTPS server: it terminates TLS, so its requests already arrive over TLS and none is redirected"
	}
	return "is ignored on this server: its TLS connections are forwarded without HTTP processing, so nothing is redirected"
}

// redirectAdvice points at the HTTP server that redirects, or says to add one.
func redirectAdvice(gw *networking.Gateway, tlsServer *networking.Server) string {
	for _, s := range gw.GetServers() {
		if s.GetTls().GetHttpsRedirect() && graph.GatewayServerRouting(s) == graph.ServerHTTP && !graph.IsTLSServer(s) &&
			sharesHost(s, tlsServer) {
			return "remove it (the HTTP server on port " + itoa(s.GetPort().GetNumber()) + " already redirects to HTTPS)"
		}
	}
	return "to send plain HTTP clients to HTTPS, set it on an HTTP server (port 80) for the same hosts instead"
}

func sharesHost(a, b *networking.Server) bool {
	for _, x := range a.GetHosts() {
		for _, y := range b.GetHosts() {
			if graph.HostsMatch(hostPart(x), hostPart(y)) {
				return true
			}
		}
	}
	return false
}
