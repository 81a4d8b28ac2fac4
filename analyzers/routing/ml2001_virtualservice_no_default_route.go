package routing

import (
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceNoDefaultRoute reports VirtualServices whose HTTP rules all
// carry match conditions, so unmatched requests have no route, and those
// whose tcp or tls rules leave connections at a Gateway without one.
var VirtualServiceNoDefaultRoute = &analyzers.Rule{
	ID: "ML2001", Name: "virtualservice-no-default-route", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	// The gateways and the hosts' Services and ServiceEntries tell which
	// ports the rules receive requests on (graph.HTTPBindings).
	Inputs:  append(graph.EdgeInputs(graph.EdgeGateway), graph.KindService, graph.KindServiceEntry),
	Summary: "every HTTP rule of a VirtualService has match conditions, or its tcp/tls rules miss a port or SNI host of a Gateway, so some traffic gets no route",
	Doc:     analyzers.MustDoc(ruleDocs, "ML2001"),
	Run:     runVirtualServiceNoDefaultRoute,
}

// noDefaultRoute is the rule's message, and the key of all its findings
// however worded: a VirtualService has one default route or none.
const noDefaultRoute = "no default route: every HTTP rule has match conditions, so requests that match none get a 404; add a last rule without match"

func runVirtualServiceNoDefaultRoute(p *analyzers.Pass) {
	routes := newGatewayRoutes(p.Graph)
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil || len(vs.GetHosts()) == 0 {
			continue
		}
		reportHTTPNoDefault(p, r, vs)
		reportGatewayTCPNoDefault(p, routes, r, vs)
		reportGatewayTLSNoDefault(p, routes, r, vs)
	}
}

// reportHTTPNoDefault reports HTTP rules that all carry match conditions
// covering less than every gateway and port the rules receive requests on.
func reportHTTPNoDefault(p *analyzers.Pass, r *graph.Resource, vs *networking.VirtualService) {
	if len(vs.GetHttp()) == 0 || hasDefaultRoute(vs.GetHttp()) {
		return
	}
	last := graph.IndexPath("spec.http", len(vs.GetHttp())-1) + ".match"
	scopes := catchAllScopes(vs.GetHttp(), r.Namespace)
	switch {
	case len(scopes) == 0 && pathRoutedIngress(vs):
		p.Report(r, last, "no default route: requests for other paths than the rules match get a 404 from %s; "+
			"usual when a Gateway publishes only these paths, otherwise add a last rule without match",
			gatewayList(vs.GetGateways())).WithKey(noDefaultRoute).WithSeverity(analyzers.SeverityInfo)
	case len(scopes) == 0:
		p.Report(r, last, noDefaultRoute)
	default:
		reportUncovered(p, r, last, scopes)
	}
}

// reportUncovered reports the first gateway and port where the VirtualService
// receives requests that none of the gateway- and port-scoped catch-alls
// accepts. Where it cannot list the ports, it says nothing.
func reportUncovered(p *analyzers.Pass, r *graph.Resource, last string, scopes []scope) {
	for _, b := range p.Graph.HTTPBindings(r) {
		if slices.ContainsFunc(scopes, func(s scope) bool { return s.covers(b.Gateway, 0) }) {
			continue
		}
		for _, port := range b.Ports {
			if !slices.ContainsFunc(scopes, func(s scope) bool { return s.covers(b.Gateway, port) }) {
				p.Report(r, last, "no default route: no rule matches requests on port %d at %s, so they get a 404; "+
					"add a last rule without match (or one matching port %d)", port, bindingName(b), port).WithKey(noDefaultRoute)
				return
			}
		}
	}
}

func gatewayList(names []string) string {
	if len(names) == 1 {
		return "gateway " + names[0]
	}
	return "gateways " + strings.Join(names, ", ")
}

func bindingName(b graph.HTTPBinding) string {
	if b.Gateway == graph.MeshGateway {
		return "the sidecars (gateway mesh)"
	}
	return "gateway " + b.Ref
}

func hasDefaultRoute(rules []*networking.HTTPRoute) bool {
	for _, h := range rules {
		if len(h.GetMatch()) == 0 || slices.ContainsFunc(h.GetMatch(), isCatchAll) {
			return true
		}
	}
	return false
}

// isCatchAll reports whether a match accepts every request: nothing but
// labels (name, statPrefix), ignoreUriCase and a URI prefix of "/" (or a
// regex of ".*").
func isCatchAll(m *networking.HTTPMatchRequest) bool {
	return len(m.GetGateways()) == 0 && m.GetPort() == 0 && isCatchAllOnItsScope(m)
}

// isCatchAllOnItsScope is isCatchAll allowing gateways and port: the
// match then accepts every request on those gateways and that port.
func isCatchAllOnItsScope(m *networking.HTTPMatchRequest) bool {
	if len(m.GetHeaders()) > 0 || len(m.GetQueryParams()) > 0 || len(m.GetWithoutHeaders()) > 0 ||
		m.GetMethod() != nil || m.GetAuthority() != nil || m.GetScheme() != nil ||
		len(m.GetSourceLabels()) > 0 || m.GetSourceNamespace() != "" {
		return false
	}
	return !selectsPath(m)
}

// selectsPath reports whether a match accepts only some paths.
func selectsPath(m *networking.HTTPMatchRequest) bool {
	u := m.GetUri()
	return u != nil && u.GetPrefix() != "/" && u.GetRegex() != ".*"
}

func selectsNoPath(m *networking.HTTPMatchRequest) bool { return !selectsPath(m) }

// scope is where a match accepts every request: the gateways it names
// ("mesh" or "namespace/name"; all of the VirtualService's when none) and
// its port (every port when 0).
type scope struct {
	gateways []string
	port     uint32
}

func (s scope) covers(gateway string, port int) bool {
	return (len(s.gateways) == 0 || slices.Contains(s.gateways, gateway)) && (s.port == 0 || int(s.port) == port)
}

// catchAllScopes lists the scopes of the matches that accept every request
// on some gateways or ports.
func catchAllScopes(rules []*networking.HTTPRoute, vsNamespace string) []scope {
	var out []scope
	for _, h := range rules {
		for _, m := range h.GetMatch() {
			if !isCatchAllOnItsScope(m) {
				continue
			}
			s := scope{port: m.GetPort()}
			for _, gw := range m.GetGateways() {
				if gw != graph.MeshGateway {
					ns, name := graph.ResolveGatewayName(gw, vsNamespace)
					gw = ns + "/" + name
				}
				s.gateways = append(s.gateways, gw)
			}
			out = append(out, s)
		}
	}
	return out
}

// pathRoutedIngress reports a VirtualService bound to gateways only (not
// the mesh) whose every match selects some paths: how an ingress publishes
// some paths of a service, where a 404 for the others is the intent.
func pathRoutedIngress(vs *networking.VirtualService) bool {
	if len(vs.GetGateways()) == 0 || slices.Contains(vs.GetGateways(), graph.MeshGateway) {
		return false
	}
	for _, h := range vs.GetHttp() {
		if slices.ContainsFunc(h.GetMatch(), selectsNoPath) {
			return false
		}
	}
	return true
}
