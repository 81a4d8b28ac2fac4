package graph

import (
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"
)

// MeshGateway is the gateway name that binds a VirtualService to the
// sidecars; a VirtualService without gateways is bound to it alone.
const MeshGateway = "mesh"

// HTTPBinding is one place where a VirtualService's HTTP rules receive
// requests: the mesh (the sidecars) or one Gateway, with the ports on
// which it hands the VirtualService's hosts to those rules.
type HTTPBinding struct {
	// Gateway is MeshGateway or the Gateway's "namespace/name", the form
	// a match's gateways resolve to (ResolveGatewayName).
	Gateway string
	Ref     string // as written in spec.gateways; "mesh" when implied
	// Ports are the ports where the HTTP rules surely apply: HTTP ports of
	// the hosts' Services and ServiceEntries for the mesh, ports of the
	// HTTP (or TLS-terminating HTTPS) servers serving the hosts for a Gateway.
	Ports []int
	// Complete is false when Ports may miss some: a Gateway that is not in
	// the input or is a Gateway API one, a host no Service or ServiceEntry
	// serves, a port whose protocol Istio sniffs.
	Complete bool
}

// HTTPBindings lists where the HTTP rules of a VirtualService apply, one
// entry per gateway of spec.gateways (the mesh when there are none).
func (g *Graph) HTTPBindings(vs *Resource) []HTTPBinding {
	spec := vs.VirtualService()
	if spec == nil {
		return nil
	}
	refs := spec.GetGateways()
	if len(refs) == 0 {
		refs = []string{MeshGateway}
	}
	var out []HTTPBinding
	for i, ref := range refs {
		b := HTTPBinding{Gateway: MeshGateway, Ref: ref}
		if ref == MeshGateway {
			b.Ports, b.Complete = g.meshHTTPPorts(vs, spec)
		} else {
			ns, name := ResolveGatewayName(ref, vs.Namespace)
			b.Gateway = ns + "/" + name
			b.Ports, b.Complete = g.gatewayHTTPPorts(vs, IndexPath("spec.gateways", i))
		}
		out = append(out, b)
	}
	return out
}

// meshHTTPPorts are the HTTP ports of the Services and ServiceEntries
// that serve the VirtualService's hosts.
func (g *Graph) meshHTTPPorts(vs *Resource, spec *networking.VirtualService) (ports []int, complete bool) {
	complete = true
	for _, h := range spec.GetHosts() {
		entries := g.ResolveHost(h, vs.Namespace, spec.GetExportTo())
		if len(entries) == 0 {
			complete = false
		}
		for _, e := range entries {
			for _, p := range portProtocols(e.Resource) {
				switch {
				case isHTTPProtocol(p.protocol):
					ports = addPort(ports, p.number)
				case p.protocol == "":
					complete = false // sniffed: HTTP rules apply when the traffic is HTTP
				}
			}
		}
	}
	return ports, complete
}

// gatewayHTTPPorts are the ports of the servers of the Gateway at the
// VirtualService's gateway reference that serve one of its hosts over HTTP.
func (g *Graph) gatewayHTTPPorts(vs *Resource, refPath string) (ports []int, complete bool) {
	var gw *Resource
	for _, e := range g.EdgesFrom(vs, EdgeGateway) {
		if e.Path == refPath && len(e.To) == 1 {
			gw = e.To[0]
		}
	}
	if gw == nil || gw.Gateway() == nil {
		return nil, false
	}
	hosts := vs.VirtualService().GetHosts()
	for _, s := range gw.Gateway().GetServers() {
		if s.GetPort() != nil && isHTTPServer(s) && g.ServerServes(gw, s, vs.Namespace, hosts) {
			ports = addPort(ports, int(s.GetPort().GetNumber()))
		}
	}
	return ports, true
}

// isHTTPServer follows Istio: an HTTP-family protocol, or HTTPS whose TLS
// the gateway terminates (not passed through).
func isHTTPServer(s *networking.Server) bool {
	p := strings.ToLower(s.GetPort().GetProtocol())
	if isHTTPProtocol(p) {
		return true
	}
	if p != "https" {
		return false
	}
	if s.GetTls() == nil {
		return true
	}
	mode := s.GetTls().GetMode()
	return mode != networking.ServerTLSSettings_PASSTHROUGH && mode != networking.ServerTLSSettings_AUTO_PASSTHROUGH
}

// ServerHosts lists the hosts of a Gateway server that VirtualServices in
// namespace vsNS may bind to: entries scoped `ns/host` count only for that
// namespace ("." being the Gateway's, "*" any), unscoped ones for all.
func ServerHosts(gw *Resource, s *networking.Server, vsNS string) []string {
	var hosts []string
	for _, entry := range s.GetHosts() {
		if host, ok := ServerHost(gw, entry, vsNS); ok {
			hosts = append(hosts, host)
		}
	}
	return hosts
}

// ServerHost is one entry of a Gateway server's hosts as VirtualServices
// in namespace vsNS see it: the host without its namespace scope, and
// false when the scope leaves vsNS out.
func ServerHost(gw *Resource, entry, vsNS string) (string, bool) {
	ns, host := SplitServerHost(gw, entry)
	return host, ns == ScopePublic || ns == vsNS
}

// HostsServed reports whether one of a VirtualService's hosts matches a
// served host, compared as written and, for short names, also expanded in
// the VirtualService's namespace vsNS: either way avoids false alarms.
// Graph.ServerServes answers the same for a Gateway server from an index.
func HostsServed(served, vsHosts []string, vsNS, domain string) bool {
	for _, g := range served {
		for _, h := range vsHosts {
			if HostsMatch(g, h) || HostsMatch(g, FQDN(h, vsNS, domain)) {
				return true
			}
		}
	}
	return false
}

// portProtocol is a port of a Service or ServiceEntry with the protocol
// Istio gives it, lower-cased; "" when Istio sniffs it.
type portProtocol struct {
	number   int
	protocol string
}

func portProtocols(r *Resource) []portProtocol {
	var out []portProtocol
	switch {
	case r.Service != nil:
		for _, p := range r.Service.Ports {
			out = append(out, portProtocol{p.Port, servicePortProtocol(p)})
		}
	case r.ServiceEntry() != nil:
		for _, p := range r.ServiceEntry().GetPorts() {
			out = append(out, portProtocol{int(p.GetNumber()), knownProtocol(p.GetProtocol())})
		}
	}
	return out
}

// servicePortProtocol follows Istio's reading of a Service port: UDP by
// protocol, else appProtocol or the port name up to its first "-"
// (grpc-web whole), in any case. Istio also takes a few well-known port
// numbers as TCP; they are left sniffed here, which only says less.
func servicePortProtocol(p ServicePort) string {
	if p.Protocol == "UDP" {
		return "udp"
	}
	name := strings.ToLower(p.Name)
	if p.AppProtocol != "" {
		name = strings.ToLower(p.AppProtocol)
		switch name {
		case "kubernetes.io/h2c":
			return "http2"
		case "kubernetes.io/ws":
			return "http"
		case "kubernetes.io/wss":
			return "https"
		}
	}
	if strings.HasPrefix(name, "grpc-web") {
		return "grpc-web"
	}
	prefix, _, _ := strings.Cut(name, "-")
	return knownProtocol(prefix)
}

// knownProtocol lower-cases a protocol Istio knows and returns "" for
// anything else (sniffed).
func knownProtocol(p string) string {
	p = strings.ToLower(p)
	switch p {
	case "tcp", "udp", "grpc", "grpc-web", "http", "http_proxy", "http2", "https", "tls", "mongo", "redis", "mysql":
		return p
	}
	return ""
}

func isHTTPProtocol(p string) bool {
	switch p {
	case "http", "http2", "http_proxy", "grpc", "grpc-web":
		return true
	}
	return false
}

func addPort(ports []int, p int) []int {
	if slices.Contains(ports, p) {
		return ports
	}
	return append(ports, p)
}
