package validation

import (
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// GatewayInvalid reports Gateway servers Istio's webhook rejects.
var GatewayInvalid = webhookRule(&analyzers.Rule{
	ID: "ML0207", Name: "gateway-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a Gateway has no servers, or a server's TLS settings or bind address are inconsistent",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("Gateway", "Sidecar"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0207"),
}, kindCheck{graph.KindGateway, checkGateway},
	kindCheck{graph.KindSidecar, checkSidecarIngressTLS})

func checkGateway(r *graph.Resource, report reporter) {
	if !istiovalid.IsDNSLabel(r.Name) {
		report.at("metadata.name", "Gateway name %q must be a DNS label (letters, digits and '-', no dots)", r.Name)
	}
	gw := r.Gateway()
	if len(gw.GetServers()) == 0 {
		report.at("spec.servers", "gateway must have at least one server")
	}
	for i, s := range gw.GetServers() {
		base := graph.IndexPath("spec.servers", i)
		checkServerBind(base, s, report)
		if s.GetTls() != nil {
			checkServerTLS(base+".tls", s.GetTls(), report)
		}
		checkServerTLSForProtocol(base, s, report)
	}
}

func checkServerBind(base string, s *networking.Server, report reporter) {
	bind := s.GetBind()
	if sock, ok := strings.CutPrefix(bind, "unix://"); ok {
		if msg := unixAddressProblem(sock); msg != "" {
			report.at(base+".bind", "%s", msg)
		}
		if s.GetPort().GetNumber() != 0 {
			report.at(base+".port.number", "port number must be 0 for a unix domain socket bind")
		}
	} else if bind != "" && !istiovalid.IsIP(bind) {
		report.at(base+".bind", "bind %q is not an IP address or unix:// path", bind)
	}
}

// checkServerTLSForProtocol matches the TLS settings with the port
// protocol. Istio checks it only when the port itself is valid.
func checkServerTLSForProtocol(base string, s *networking.Server, report reporter) {
	p, tls := s.GetPort(), s.GetTls()
	//lint:ignore SA1019 validating the deprecated field is the point of this check
	if p == nil || !istiovalid.IsKnownProtocol(p.GetProtocol()) || p.GetName() == "" || p.GetTargetPort() > 0 ||
		(!istiovalid.ValidPort(int64(p.GetNumber())) && (p.GetNumber() > 0 || !strings.HasPrefix(s.GetBind(), "unix://"))) {
		return
	}
	switch {
	case istiovalid.IsTLSProtocol(p.GetProtocol()) && tls == nil:
		report.at(base, "server must have TLS settings for HTTPS/TLS protocols")
	case istiovalid.IsTLSProtocol(p.GetProtocol()) || tls == nil:
	case !istiovalid.IsHTTPProtocol(p.GetProtocol()):
		report.at(base+".tls", "server cannot have TLS settings for non HTTPS/TLS ports")
	case !isPassthroughMode(tls.GetMode()) || tls.GetCaCertificates() != "" || tls.GetPrivateKey() != "" || tls.GetServerCertificate() != "":
		// An HTTP server may carry tls only to set httpsRedirect.
		report.at(base+".tls", "server cannot have TLS settings for plain text HTTP ports (only httpsRedirect)")
	}
}

func isPassthroughMode(m networking.ServerTLSSettings_TLSmode) bool {
	return m == networking.ServerTLSSettings_PASSTHROUGH || m == networking.ServerTLSSettings_AUTO_PASSTHROUGH
}

// checkServerTLS checks certificates against the TLS mode.
func checkServerTLS(base string, tls *networking.ServerTLSSettings, report reporter) {
	mode := tls.GetMode()
	if mode == networking.ServerTLSSettings_ISTIO_MUTUAL {
		for _, f := range []struct{ name, value string }{
			{"serverCertificate", tls.GetServerCertificate()}, {"privateKey", tls.GetPrivateKey()},
			{"caCertificates", tls.GetCaCertificates()}, {"credentialName", tls.GetCredentialName()},
		} {
			if f.value != "" {
				report.at(base+"."+f.name, "ISTIO_MUTUAL TLS uses Istio's certificates and cannot have %s", f.name)
			}
		}
		return
	}
	credentials := tls.GetCredentialName() != "" || len(tls.GetCredentialNames()) > 0 || len(tls.GetTlsCertificates()) > 0
	mutual := mode == networking.ServerTLSSettings_MUTUAL || mode == networking.ServerTLSSettings_OPTIONAL_MUTUAL
	if (mode == networking.ServerTLSSettings_SIMPLE || mutual) && credentials {
		if tls.GetCaCrl() != "" && tls.GetCredentialName() != "" {
			report.at(base+".caCrl", "CRL is not supported with credentialName: put the CRL in the credential")
		}
		return
	}
	if mode == networking.ServerTLSSettings_SIMPLE || mutual {
		if tls.GetServerCertificate() == "" {
			report.at(base, "%s TLS requires a server certificate (serverCertificate or credentialName)", modeName(mode))
		}
		if tls.GetPrivateKey() == "" {
			report.at(base, "%s TLS requires a private key (privateKey or credentialName)", modeName(mode))
		}
	}
	if mutual && tls.GetCaCertificates() == "" {
		report.at(base, "%s TLS requires a client CA bundle (caCertificates or credentialName)", modeName(mode))
	}
	if tls.GetCaCrl() != "" && mode == networking.ServerTLSSettings_SIMPLE {
		report.at(base+".caCrl", "CRL is not supported with SIMPLE TLS")
	}
}

func modeName(m networking.ServerTLSSettings_TLSmode) string {
	if m == networking.ServerTLSSettings_OPTIONAL_MUTUAL {
		return "MUTUAL"
	}
	return m.String()
}

func checkSidecarIngressTLS(r *graph.Resource, report reporter) {
	sc, _ := r.Spec.(*networking.Sidecar)
	for i, in := range sc.GetIngress() {
		tls := in.GetTls()
		if tls == nil {
			continue
		}
		base := graph.IndexPath("spec.ingress", i) + ".tls"
		if len(tls.GetSubjectAltNames()) > 0 {
			report.at(base+".subjectAltNames", "subjectAltNames is not supported in Sidecar ingress TLS")
		}
		if tls.GetHttpsRedirect() {
			report.at(base+".httpsRedirect", "httpsRedirect is not supported in Sidecar ingress TLS")
		}
		if m := tls.GetMode(); m == networking.ServerTLSSettings_ISTIO_MUTUAL || m == networking.ServerTLSSettings_AUTO_PASSTHROUGH {
			report.at(base+".mode", "TLS mode %s cannot be used in Sidecar ingress TLS", m)
		}
		checkServerTLS(base, tls, report)
	}
}
