package gateways

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewaySharedCertificate reports HTTPS servers of two Gateways on one
// gateway workload and port that present the same certificate.
var GatewaySharedCertificate = &analyzers.Rule{
	ID: "ML5005", Name: "gateway-shared-certificate", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeGatewayWorkload),
	Summary:        "HTTPS servers of two Gateways on one gateway workload and port present the same certificate, so HTTP/2 clients may get 404s",
	Istio:          []string{"IST0138"},
	IstioAnalyzers: []string{"gateway.CertificateAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5005"),
	Run:            runGatewaySharedCertificate,
}

func runGatewaySharedCertificate(p *analyzers.Pass) {
	byPort := map[uint32][]*gwServer{}
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		for _, s := range gatewayServers(p.Graph, r) {
			if terminatesHTTPS(s.s) && certificateID(s.s.GetTls()) != "" {
				n := s.s.GetPort().GetNumber()
				byPort[n] = append(byPort[n], s)
			}
		}
	}
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		for _, s := range gatewayServers(p.Graph, r) {
			if other := sharedCertificate(s, byPort[s.s.GetPort().GetNumber()]); other != nil {
				reportSharedCertificate(p, s, other)
			}
		}
	}
}

// sharedCertificate is a server of another Gateway on the same port with
// the same certificate, applied to no workload a does not run on: on
// those workloads both servers are filter chains of one listener.
func sharedCertificate(a *gwServer, candidates []*gwServer) *gwServer {
	if !terminatesHTTPS(a.s) {
		return nil
	}
	id := certificateID(a.s.GetTls())
	for _, b := range candidates {
		if b.gw != a.gw && certificateID(b.s.GetTls()) == id && coversWorkloads(a, b) {
			return b
		}
	}
	return nil
}

// coversWorkloads reports whether a runs on every workload b runs on, b
// running somewhere in the files.
func coversWorkloads(a, b *gwServer) bool {
	if len(b.workloads) == 0 {
		return false
	}
	for w := range b.workloads {
		if !a.workloads[w] {
			return false
		}
	}
	return true
}

func reportSharedCertificate(p *analyzers.Pass, a, b *gwServer) {
	path, cert := certificatePath(a)
	f := p.Report(a.gw, path,
		"the certificate %s is also presented on port %d by server %s of Gateway %s on the same gateway workload: an HTTP/2 client that connected for one server's hosts may reuse the connection for the other's, which this listener answers with 404; give each server its own certificate for its hosts, or serve the hosts from one server",
		cert, a.s.GetPort().GetNumber(), serverLabel(b), gatewayName(b.gw))
	bPath, _ := certificatePath(b)
	f.RelateResource(b.gw, bPath, "Gateway %s presents the same certificate", b.gw.Name)
}

// terminatesHTTPS: an HTTPS server whose TLS the gateway terminates.
func terminatesHTTPS(s *networking.Server) bool {
	return graph.IsTLSServer(s) && graph.GatewayServerRouting(s) == graph.ServerHTTP && s.GetTls() != nil
}

// certificateID names the certificate a server presents: its credential
// name, or its certificate and key files; "" when unknown or templated.
func certificateID(tls *networking.ServerTLSSettings) string {
	var id string
	switch {
	case tls.GetCredentialName() != "":
		id = "credentialName " + tls.GetCredentialName()
	case tls.GetServerCertificate() != "" && tls.GetPrivateKey() != "":
		id = "files " + tls.GetServerCertificate() + " " + tls.GetPrivateKey()
	}
	if graph.HasPlaceholder(id) {
		return ""
	}
	return id
}

func certificatePath(s *gwServer) (path, cert string) {
	base := graph.IndexPath("spec.servers", s.index) + ".tls"
	if n := s.s.GetTls().GetCredentialName(); n != "" {
		return base + ".credentialName", "\"" + n + "\""
	}
	return base + ".serverCertificate", "\"" + s.s.GetTls().GetServerCertificate() + "\""
}
