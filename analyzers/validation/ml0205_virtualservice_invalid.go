package validation

import (
	"fmt"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceInvalid reports VirtualService structure Istio's webhook
// rejects.
var VirtualServiceInvalid = webhookRule(&analyzers.Rule{
	ID: "ML0205", Name: "virtualservice-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a VirtualService route, destination, match or policy is one Istio's webhook rejects",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0205"),
}, kindCheck{graph.KindVirtualService, checkVirtualService})

func checkVirtualService(r *graph.Resource, report reporter) {
	vs := r.VirtualService()
	if len(vs.GetHttp()) == 0 && len(vs.GetTcp()) == 0 && len(vs.GetTls()) == 0 {
		report.at("spec", "http, tcp or tls must be provided in virtual service")
	}
	delegate := len(vs.GetHosts()) == 0
	if delegate {
		for _, f := range []struct {
			path string
			set  bool
		}{{"spec.gateways", len(vs.GetGateways()) > 0}, {"spec.tls", len(vs.GetTls()) > 0}, {"spec.tcp", len(vs.GetTcp()) > 0}} {
			if f.set {
				report.at(f.path, "a delegate VirtualService (one without hosts) cannot have %s", strings.TrimPrefix(f.path, "spec."))
			}
		}
	}
	checkGatewayNames("spec.gateways", vs.GetGateways(), report)
	for i, h := range vs.GetHttp() {
		checkHTTPRoute(graph.IndexPath("spec.http", i), h, delegate, report)
	}
	for i, t := range vs.GetTcp() {
		checkTCPRoute(graph.IndexPath("spec.tcp", i), t, report)
	}
	for i, t := range vs.GetTls() {
		checkTLSRoute(graph.IndexPath("spec.tls", i), t, vs, report)
	}
	for _, d := range r.Destinations() {
		if s := d.Subset; s != "" && !istiovalid.IsDNSLabel(s) {
			report.at(d.Path+".subset", "subset name %q is not a DNS label", s)
		}
	}
}

// checkGatewayNames checks gateway references: `mesh`, a name, a legacy
// FQDN-style name, or `namespace/name` with both parts DNS labels.
func checkGatewayNames(base string, names []string, report reporter) {
	for i, name := range names {
		path := graph.IndexPath(base, i)
		ns, gw, found := strings.Cut(name, "/")
		switch {
		case !found:
			if err := istiovalid.ValidateFQDN(name); err != nil {
				report.at(path, "invalid gateway reference: %v", err)
			}
		case ns == "" || gw == "":
			report.at(path, "invalid gateway reference %q: namespace and name must not be empty", name)
		case !istiovalid.IsDNSLabel(ns):
			report.at(path, "invalid gateway reference %q: namespace %q is not a DNS label", name, ns)
		case !istiovalid.IsDNSLabel(gw):
			report.at(path, "invalid gateway reference %q: gateway name %q is not a DNS label", name, gw)
		}
	}
}

func checkHTTPRoute(base string, h *networking.HTTPRoute, delegate bool, report reporter) {
	checkRouteConflicts(base, h, delegate, report)
	checkHTTPMatches(base, h, report)
	dests := make([]weighted, len(h.GetRoute()))
	for i, rd := range h.GetRoute() {
		dests[i] = weighted{rd.GetDestination(), rd.GetWeight()}
	}
	checkWeightedDestinations(base+".route", dests, report)
	checkRedirect(base+".redirect", h.GetRedirect(), report)
	if dr := h.GetDirectResponse(); dr != nil {
		checkDirectResponse(base+".directResponse", dr, report)
	}
	checkFault(base+".fault", h.GetFault(), report)
	checkRetries(base+".retries", h.GetRetries(), report)
	checkRewrite(base+".rewrite", h.GetRewrite(), report)
	checkMirrors(base, h, report)
	checkCORS(base+".corsPolicy", h.GetCorsPolicy(), report)
}

// checkRouteConflicts checks that an HTTP rule does exactly one thing:
// route, redirect, respond directly, or (in a root VirtualService) delegate.
func checkRouteConflicts(base string, h *networking.HTTPRoute, delegate bool, report reporter) {
	switch {
	case h.GetDelegate() != nil && delegate:
		report.at(base+".delegate", "a delegate VirtualService cannot delegate again")
	case h.GetDelegate() != nil:
		for _, f := range []struct {
			name string
			set  bool
		}{{"redirect", h.GetRedirect() != nil}, {"route", len(h.GetRoute()) > 0}} {
			if f.set {
				report.at(base+"."+f.name, "a rule that delegates must not specify %s", f.name)
			}
		}
		return
	}
	// A redirect or a direct response answers the request itself, so
	// nothing else may forward or alter it.
	primary := ""
	switch {
	case h.GetRedirect() != nil:
		primary = "redirect"
	case h.GetDirectResponse() != nil:
		primary = "directResponse"
	case len(h.GetRoute()) == 0:
		report.at(base, "HTTP route, redirect or direct_response is required")
	}
	for _, f := range []struct {
		name string
		set  bool
	}{{"route", len(h.GetRoute()) > 0}, {"fault", h.GetFault() != nil}, {"rewrite", h.GetRewrite() != nil}, {"directResponse", h.GetDirectResponse() != nil}} {
		if primary != "" && f.set && f.name != primary {
			report.at(base+"."+f.name, "HTTP route cannot contain both %s and %s", primary, f.name)
		}
	}
	if h.GetMirror() != nil && len(h.GetMirrors()) > 0 {
		report.at(base+".mirrors", "HTTP route cannot contain both mirror and mirrors")
	}
}

func checkHTTPMatches(base string, h *networking.HTTPRoute, report reporter) {
	for j, m := range h.GetMatch() {
		mp := graph.IndexPath(base+".match", j)
		for _, f := range httpMatchStrings(mp, m) {
			// Envoy accepts an empty URI prefix, not an empty prefix elsewhere.
			if p, ok := f.sm.GetMatchType().(*networking.StringMatch_Prefix); ok && p.Prefix == "" && f.field != "uri" {
				report.at(f.path+".prefix", "%s prefix match must not be empty", f.field)
			}
		}
		if ns := m.GetSourceNamespace(); ns != "" && !istiovalid.IsDNSLabel(ns) {
			report.at(mp+".sourceNamespace", "sourceNamespace %q is not a DNS label", ns)
		}
		checkGatewayNames(mp+".gateways", m.GetGateways(), report)
	}
}

// weighted is a route destination and its weight.
type weighted struct {
	d *networking.Destination
	w int32
}

func checkWeightedDestinations(base string, dests []weighted, report reporter) {
	var total int32
	for i, d := range dests {
		path := graph.IndexPath(base, i)
		if d.d == nil && report.written(path+".destination") {
			report.at(path+".destination", "destination must not be empty")
		}
		if d.w < 0 {
			report.at(path+".weight", "weight %d must not be negative", d.w)
		}
		total += d.w
	}
	if len(dests) > 1 && total == 0 {
		report.at(base, "total destination weight = 0: with several destinations, give each a weight")
	}
}

func checkTCPRoute(base string, t *networking.TCPRoute, report reporter) {
	for j, m := range t.GetMatch() {
		mp := graph.IndexPath(base+".match", j)
		checkSubnets(mp+".destinationSubnets", m.GetDestinationSubnets(), report)
		checkGatewayNames(mp+".gateways", m.GetGateways(), report)
	}
	if len(t.GetRoute()) == 0 {
		report.at(base, "TCP route is required")
	}
	checkWeightedDestinations(base+".route", l4Destinations(t.GetRoute()), report)
}

func l4Destinations(routes []*networking.RouteDestination) []weighted {
	out := make([]weighted, len(routes))
	for i, rd := range routes {
		out[i] = weighted{rd.GetDestination(), rd.GetWeight()}
	}
	return out
}

func checkSubnets(base string, subnets []string, report reporter) {
	for i, s := range subnets {
		if !istiovalid.IsIPOrCIDR(s) {
			report.at(graph.IndexPath(base, i), "%q is not an IP address or CIDR block", s)
		}
	}
}

func checkTLSRoute(base string, t *networking.TLSRoute, vs *networking.VirtualService, report reporter) {
	if len(t.GetMatch()) == 0 && report.written(base+".match") {
		report.at(base+".match", "TLS route must have at least one match condition")
	}
	for j, m := range t.GetMatch() {
		mp := graph.IndexPath(base+".match", j)
		if len(m.GetSniHosts()) == 0 && report.written(mp+".sniHosts") {
			report.at(mp+".sniHosts", "TLS match must have at least one SNI host")
		}
		for k, sni := range m.GetSniHosts() {
			if msg := sniHostProblem(sni, vs); msg != "" {
				report.at(graph.IndexPath(mp+".sniHosts", k), "%s", msg)
			}
		}
		checkSubnets(mp+".destinationSubnets", m.GetDestinationSubnets(), report)
		checkGatewayNames(mp+".gateways", m.GetGateways(), report)
	}
	if len(t.GetRoute()) == 0 {
		report.at(base, "TLS route is required")
	}
	checkWeightedDestinations(base+".route", l4Destinations(t.GetRoute()), report)
}

// sniHostProblem checks an SNI host: a valid (wildcard) domain that one of
// the VirtualService's hosts covers. An IP is only a warning in Istio.
func sniHostProblem(sni string, vs *networking.VirtualService) string {
	if err := istiovalid.ValidateWildcardDomain(sni); err != nil {
		if istiovalid.IsIP(sni) || (appliesToGateways(vs) && strings.HasPrefix(sni, "outbound_.") && outboundSNIRE.MatchString(sni)) {
			return ""
		}
		return err.Error()
	}
	for _, h := range vs.GetHosts() {
		if hostSubsetOf(sni, h) {
			return ""
		}
	}
	return fmt.Sprintf("SNI host %q is not covered by any of the VirtualService's hosts [%s]", sni, strings.Join(vs.GetHosts(), ", "))
}

// hostSubsetOf reports whether every name host a matches is matched by b.
func hostSubsetOf(a, b string) bool {
	aw, bw := graph.IsWildcard(a), graph.IsWildcard(b)
	switch {
	case bw && aw:
		return len(a) >= len(b) && strings.HasSuffix(a[1:], b[1:])
	case bw:
		return strings.HasSuffix(a, b[1:])
	case aw:
		return false
	}
	return a == b
}
