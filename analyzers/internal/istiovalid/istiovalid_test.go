package istiovalid

import (
	"strings"
	"testing"
)

func TestHostValidators(t *testing.T) {
	long := strings.Repeat("a", 64)
	tests := []struct {
		host           string
		fqdn, wildcard bool // whether each accepts it
	}{
		{"istio.io", true, true},
		{"istio.io.", true, true},
		{"Reviews.Default.svc", true, true}, // Istio takes upper case, unlike the API server
		{"reviews", true, true},
		{"*", false, true},
		{"*.example.com", false, true},
		{"*-api.example.com", false, true},
		{"*api.example.com", false, true},
		{"api*.example.com", false, false},
		{"*.*.example.com", false, false},
		{"example.123", false, false},
		{"a..b", false, false},
		{"-a.com", false, false},
		{long + ".com", false, false},
		{"", false, false},
		{strings.Repeat("a.", 128) + "com", false, false},
	}
	for _, tt := range tests {
		if got := ValidateFQDN(tt.host) == nil; got != tt.fqdn {
			t.Errorf("ValidateFQDN(%q) accepts = %v; want %v", tt.host, got, tt.fqdn)
		}
		if got := ValidateWildcardDomain(tt.host) == nil; got != tt.wildcard {
			t.Errorf("ValidateWildcardDomain(%q) accepts = %v; want %v", tt.host, got, tt.wildcard)
		}
	}
}

func TestAddressesAndPorts(t *testing.T) {
	tests := []struct {
		s        string
		ip, cidr bool
	}{
		{"10.0.0.1", true, true},
		{"2001:db8::1", true, true},
		{"10.0.0.0/8", false, true},
		{"10.0.0.0/33", false, false},
		{"example.com", false, false},
		{"10.0.0.1/8/8", false, false},
	}
	for _, tt := range tests {
		if IsIP(tt.s) != tt.ip || IsIPOrCIDR(tt.s) != tt.cidr {
			t.Errorf("%q: IsIP %v, IsIPOrCIDR %v; want %v, %v", tt.s, IsIP(tt.s), IsIPOrCIDR(tt.s), tt.ip, tt.cidr)
		}
	}
	for n, want := range map[int64]bool{0: false, 1: true, 65535: true, 65536: false, -1: false} {
		if ValidPort(n) != want {
			t.Errorf("ValidPort(%d) = %v", n, !want)
		}
	}
}

func TestProtocols(t *testing.T) {
	tests := []struct {
		p                     string
		known, http, tls, tcp bool
	}{
		{"HTTP", true, true, false, false},
		{"grpc-web", true, true, false, false},
		{"GRPC", true, true, false, false},
		{"http_proxy", true, true, false, false},
		{"HTTPS", true, false, true, false},
		{"tls", true, false, true, false},
		{"TCP", true, false, false, true},
		{"tcp", true, false, false, true},
		{"", false, false, false, true}, // no protocol means TCP on a ServiceEntry
		{"Mongo", true, false, false, false},
		{"UDP", true, false, false, false},
		{"HBONE", false, false, false, false},
		{"websocket", false, false, false, false},
	}
	for _, tt := range tests {
		if IsKnownProtocol(tt.p) != tt.known || IsHTTPProtocol(tt.p) != tt.http || IsTLSProtocol(tt.p) != tt.tls || IsTCPOrUnset(tt.p) != tt.tcp {
			t.Errorf("%q: known %v http %v tls %v tcp %v; want %v %v %v %v", tt.p,
				IsKnownProtocol(tt.p), IsHTTPProtocol(tt.p), IsTLSProtocol(tt.p), IsTCPOrUnset(tt.p), tt.known, tt.http, tt.tls, tt.tcp)
		}
	}
}
