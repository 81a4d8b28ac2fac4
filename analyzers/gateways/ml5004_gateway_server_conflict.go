package gateways

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayServerConflict reports servers of different Gateways on one
// gateway workload that istiod cannot both build: one of them is dropped.
var GatewayServerConflict = &analyzers.Rule{
	ID: "ML5004", Name: "gateway-server-conflict", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeGatewayWorkload),
	Summary:        "servers of two Gateways on the same gateway workload and port conflict, so istiod drops one",
	Istio:          []string{"IST0145"},
	IstioAnalyzers: []string{"gateway.ConflictingGatewayAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5004"),
	Run:            runGatewayServerConflict,
}

// gwServer is one server of a Gateway with what the conflict check reads.
type gwServer struct {
	gw        *graph.Resource
	index     int
	s         *networking.Server
	workloads map[*graph.Resource]bool
}

// listener is where istiod places a server: port number and bind address.
type listener struct {
	port uint32
	bind string
}

func runGatewayServerConflict(p *analyzers.Pass) {
	byListener := map[listener][]*gwServer{}
	var order []listener
	for _, r := range p.Graph.OfKind(graph.KindGateway) {
		for _, s := range gatewayServers(p.Graph, r) {
			l := listener{s.s.GetPort().GetNumber(), s.s.GetBind()}
			if byListener[l] == nil {
				order = append(order, l)
			}
			byListener[l] = append(byListener[l], s)
		}
	}
	for _, l := range order {
		servers := byListener[l]
		for _, a := range servers {
			reportConflicts(p, a, servers)
		}
	}
}

// gatewayServers are the servers of r the check can place: a port number
// and a protocol Istio knows; a TLS protocol needs its tls settings.
func gatewayServers(g *graph.Graph, r *graph.Resource) []*gwServer {
	gw := r.Gateway()
	if r.Implied != "" || gw == nil {
		return nil
	}
	workloads := map[*graph.Resource]bool{}
	for _, e := range g.EdgesFrom(r, graph.EdgeGatewayWorkload) {
		for _, w := range e.Workloads {
			workloads[w.Resource] = true
		}
	}
	var out []*gwServer
	for i, s := range gw.GetServers() {
		proto := s.GetPort().GetProtocol()
		if s.GetPort().GetNumber() == 0 || !graph.IsKnownProtocol(proto) || (graph.IsTLSServer(s) && s.GetTls() == nil) {
			continue
		}
		out = append(out, &gwServer{gw: r, index: i, s: s, workloads: workloads})
	}
	return out
}

// reportConflicts reports a once when a server of another Gateway on the
// same listener and workload conflicts with it.
func reportConflicts(p *analyzers.Pass, a *gwServer, servers []*gwServer) {
	for _, b := range servers {
		if a.gw == b.gw || !sameWorkload(a, b) {
			continue
		}
		if plainConflict(a.s, b.s) {
			f := p.Report(a.gw, graph.IndexPath("spec.servers", a.index)+".port.protocol",
				"this %s server on port %d conflicts with the %s server %s of Gateway %s on the same gateway workload: istiod merges plain-text servers on one port only when both are HTTP, so it drops whichever Gateway came later and its traffic is not served; move one server to another port",
				a.s.GetPort().GetProtocol(), a.s.GetPort().GetNumber(), b.s.GetPort().GetProtocol(), serverLabel(b), gatewayName(b.gw))
			f.RelateResource(b.gw, graph.IndexPath("spec.servers", b.index)+".port", "conflicting server of Gateway %s", b.gw.Name)
			return
		}
		if j, host, ok := sharedTLSHost(a.s, b.s); ok {
			f := p.Report(a.gw, graph.IndexPath(graph.IndexPath("spec.servers", a.index)+".hosts", j),
				"host %q on port %d is also served with TLS settings by server %s of Gateway %s on the same gateway workload: istiod keeps the server of the Gateway created first and drops the other (\"duplicate host names\"), so its hosts are not served; serve the host from one server, or bind the servers to different addresses",
				host, a.s.GetPort().GetNumber(), serverLabel(b), gatewayName(b.gw))
			f.RelateResource(b.gw, graph.IndexPath("spec.servers", b.index)+".hosts", "Gateway %s also serves %s", b.gw.Name, host)
			return
		}
	}
}

// sameWorkload reports whether the two Gateways configure one proxy: their
// selectors pick a common workload. A Gateway that runs nowhere in the
// files conflicts with nothing there (ML1105 reports its selector).
func sameWorkload(a, b *gwServer) bool {
	for w := range a.workloads {
		if b.workloads[w] {
			return true
		}
	}
	return false
}

// plainConflict follows istiod's merge of plain-text servers (no TLS, or
// HTTP with httpsRedirect): two of them share a port only when both are
// of the HTTP family, whatever their hosts.
func plainConflict(a, b *networking.Server) bool {
	if isTLSListener(a) || isTLSListener(b) {
		return false
	}
	return !graph.IsHTTPProtocol(a.GetPort().GetProtocol()) || !graph.IsHTTPProtocol(b.GetPort().GetProtocol())
}

// isTLSListener is a server istiod builds as TLS: tls settings on a
// protocol outside the HTTP family.
func isTLSListener(s *networking.Server) bool {
	return s.GetTls() != nil && !graph.IsHTTPProtocol(s.GetPort().GetProtocol())
}

// sharedTLSHost finds a host entry of a also written in b, when both
// carry tls settings: istiod checks those servers' hosts for duplicates
// by exact entry, as each becomes a filter chain matched by SNI.
func sharedTLSHost(a, b *networking.Server) (int, string, bool) {
	if a.GetTls() == nil || b.GetTls() == nil {
		return 0, "", false
	}
	for j, h := range a.GetHosts() {
		for _, o := range b.GetHosts() {
			if h == o && !graph.HasPlaceholder(h) {
				return j, h, true
			}
		}
	}
	return 0, "", false
}

func serverLabel(s *gwServer) string {
	if n := s.s.GetPort().GetName(); n != "" {
		return "\"" + n + "\""
	}
	return graph.IndexPath("spec.servers", s.index)
}

func gatewayName(r *graph.Resource) string {
	if r.Namespace == "" {
		return r.Name
	}
	return r.Namespace + "/" + r.Name
}
