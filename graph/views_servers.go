package graph

import (
	"strings"

	networking "istio.io/api/networking/v1alpha3"
)

// ServerRouting is which rules of the bound VirtualServices a Gateway
// server hands its traffic to.
type ServerRouting int

const (
	// ServerUnknown: no port, or a protocol Istio does not route.
	ServerUnknown ServerRouting = iota
	// ServerHTTP: http rules, by Host header (HTTP family, or HTTPS whose
	// TLS the gateway terminates).
	ServerHTTP
	// ServerPassthrough: tls rules, by SNI (HTTPS or TLS passed through).
	ServerPassthrough
	// ServerTCP: tcp rules (a TCP-family protocol, or TLS the gateway
	// terminates); the server's hosts only pick the VirtualServices.
	ServerTCP
	// ServerAutoPassthrough: no VirtualService; the SNI names the cluster.
	ServerAutoPassthrough
)

// GatewayServerRouting follows Istio's gateway listener build: HTTP
// servers and terminated HTTPS get an HTTP connection manager, passed
// through TLS a filter chain per tls rule's sniHosts, the rest a TCP
// proxy from the first matching tcp rule.
func GatewayServerRouting(s *networking.Server) ServerRouting {
	if s.GetPort() == nil {
		return ServerUnknown
	}
	p := knownProtocol(s.GetPort().GetProtocol())
	mode := s.GetTls().GetMode()
	switch {
	case isHTTPServer(s):
		return ServerHTTP
	case (p == "https" || p == "tls") && mode == networking.ServerTLSSettings_AUTO_PASSTHROUGH:
		return ServerAutoPassthrough
	case (p == "https" || p == "tls") && mode == networking.ServerTLSSettings_PASSTHROUGH:
		return ServerPassthrough
	case p == "tls" || p == "tcp" || p == "mongo" || p == "redis" || p == "mysql":
		return ServerTCP
	}
	return ServerUnknown
}

// IsTLSServer reports whether a Gateway server's port carries TLS
// (protocol HTTPS or TLS), whether the gateway terminates it or not.
func IsTLSServer(s *networking.Server) bool {
	p := strings.ToLower(s.GetPort().GetProtocol())
	return p == "https" || p == "tls"
}

// IsHTTPProtocol reports whether a Gateway server port protocol is of the
// HTTP family (HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-Web): plain-text
// servers that istiod merges on one port.
func IsHTTPProtocol(protocol string) bool { return isHTTPProtocol(strings.ToLower(protocol)) }

// IsKnownProtocol reports whether Istio knows a Gateway server port protocol.
func IsKnownProtocol(protocol string) bool { return knownProtocol(protocol) != "" }
