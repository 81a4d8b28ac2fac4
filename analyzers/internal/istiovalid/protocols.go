package istiovalid

import "strings"

// protocols are the port protocol names Istio's protocol parser knows,
// lower-cased: it compares case-insensitively and calls anything else
// unsupported. HBONE is not among them: the parser does not know it.
var protocols = map[string]bool{
	"tcp": true, "udp": true, "grpc": true, "grpc-web": true, "http": true, "http_proxy": true,
	"http2": true, "https": true, "tls": true, "mongo": true, "redis": true, "mysql": true,
}

// IsKnownProtocol reports whether Istio parses p as a protocol, in any case.
func IsKnownProtocol(p string) bool { return protocols[strings.ToLower(p)] }

// IsHTTPProtocol reports whether p is carried over HTTP, as Istio classifies it.
func IsHTTPProtocol(p string) bool {
	switch strings.ToLower(p) {
	case "http", "http2", "http_proxy", "grpc", "grpc-web":
		return true
	}
	return false
}

// IsTLSProtocol reports whether p is carried over TLS.
func IsTLSProtocol(p string) bool {
	switch strings.ToLower(p) {
	case "https", "tls":
		return true
	}
	return false
}

// IsTCPOrUnset reports whether a ServiceEntry port declares plain TCP:
// protocol TCP in any case (Istio parses it so), or none, which means TCP.
func IsTCPOrUnset(p string) bool { return p == "" || strings.EqualFold(p, "TCP") }
