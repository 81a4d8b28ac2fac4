package validation

import (
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceInvalid reports VirtualService structure Istio's webhook
// rejects.
var VirtualServiceInvalid = &analyzers.Rule{
	ID: "ML0205", Name: "virtualservice-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindVirtualService},
	Summary:        "a VirtualService route, destination, match or policy is one Istio's webhook rejects",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("VirtualService"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0205"),
	Requires:       []analyzers.Requirement{schema.Validation},
	Run:            runChecks(kindCheck{graph.KindVirtualService, checkVirtualService}),
}

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
	for _, d := range graph.VirtualServiceDestinations(vs) {
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

func checkRedirect(base string, rd *networking.HTTPRedirect, report reporter) {
	switch {
	case rd == nil:
	case rd.GetUri() == "" && rd.GetAuthority() == "" && rd.GetRedirectPort() == nil && rd.GetScheme() == "":
		report.at(base, "redirect must specify uri, authority, scheme or port")
	case rd.GetRedirectCode() != 0 && (rd.GetRedirectCode() < 300 || rd.GetRedirectCode() > 399):
		report.at(base+".redirectCode", "%d is not a valid redirect code: it must be 3xx", rd.GetRedirectCode())
	case rd.GetScheme() != "" && rd.GetScheme() != "http" && rd.GetScheme() != "https":
		report.at(base+".scheme", "invalid redirect scheme %q: it must be \"http\" or \"https\"", rd.GetScheme())
	}
}

func checkDirectResponse(base string, dr *networking.HTTPDirectResponse, report reporter) {
	if s := dr.GetStatus(); (s < 200 || s > 600) && report.written(base+".status") {
		report.at(base+".status", "HTTP status %d is not in range 200-599", s)
	}
	body := dr.GetBody()
	if n := len(body.GetString_()) + len(body.GetBytes()); n > 1<<20 {
		report.at(base+".body", "direct response body is %d bytes; Istio allows at most 1MB", n)
	}
}

func checkFault(base string, f *networking.HTTPFaultInjection, report reporter) {
	if f == nil {
		return
	}
	if f.GetAbort() == nil && f.GetDelay() == nil {
		report.at(base, "fault injection must have an abort and/or a delay")
	}
	if a := f.GetAbort(); a != nil {
		checkPercentage(base+".abort.percentage", a.GetPercentage(), report)
		switch t := a.GetErrorType().(type) {
		case *networking.HTTPFaultInjection_Abort_HttpStatus:
			if t.HttpStatus < 200 || t.HttpStatus > 600 {
				report.at(base+".abort.httpStatus", "HTTP status %d is not in range 200-599", t.HttpStatus)
			}
		case *networking.HTTPFaultInjection_Abort_GrpcStatus:
			if !isGRPCStatus(t.GrpcStatus) {
				report.at(base+".abort.grpcStatus", "gRPC status %q is not a known status code name such as NOT_FOUND", t.GrpcStatus)
			}
		case *networking.HTTPFaultInjection_Abort_Http2Error:
			report.at(base+".abort.http2Error", "HTTP/2 abort fault injection is not supported")
		}
	}
	if d := f.GetDelay(); d != nil {
		checkPercentage(base+".delay.percentage", d.GetPercentage(), report)
		if d.GetExponentialDelay() != nil {
			report.at(base+".delay.exponentialDelay", "exponentialDelay is not supported")
		}
	}
}

// checkPercentage accepts 0 and 0.0001–100.
func checkPercentage(path string, p *networking.Percent, report reporter) {
	if v := p.GetValue(); p != nil && (v < 0 || v > 100 || (v > 0 && v < 0.0001)) {
		report.at(path+".value", "percentage %v is neither 0 nor in range 0.0001-100", v)
	}
}

// grpcStatusNames are the gRPC status codes by name.
var grpcStatusNames = strings.Fields("OK CANCELLED UNKNOWN INVALID_ARGUMENT DEADLINE_EXCEEDED NOT_FOUND ALREADY_EXISTS " +
	"PERMISSION_DENIED RESOURCE_EXHAUSTED FAILED_PRECONDITION ABORTED OUT_OF_RANGE UNIMPLEMENTED INTERNAL " +
	"UNAVAILABLE DATA_LOSS UNAUTHENTICATED")

func isGRPCStatus(s string) bool {
	if slices.Contains(grpcStatusNames, s) {
		return true
	}
	// A code number is not what Istio documents, but not worth an error.
	n, err := strconv.Atoi(s)
	return err == nil && n >= 0 && n < len(grpcStatusNames)
}

// retryOnPolicies are the x-envoy-retry-on and x-envoy-retry-grpc-on
// values Istio accepts besides HTTP status codes.
var retryOnPolicies = strings.Fields("5xx gateway-error reset reset-before-request connect-failure retriable-4xx " +
	"refused-stream retriable-status-codes retriable-headers envoy-ratelimited http3-post-connect-failure " +
	"cancelled deadline-exceeded internal resource-exhausted unavailable")

func checkRetries(base string, rt *networking.HTTPRetry, report reporter) {
	if rt == nil {
		return
	}
	if rt.GetAttempts() < 0 {
		report.at(base+".attempts", "attempts cannot be negative")
	}
	if rt.GetAttempts() == 0 && (rt.GetPerTryTimeout() != nil || rt.GetRetryOn() != "" || rt.GetRetryRemoteLocalities() != nil) {
		report.at(base+".attempts", "retry policy configured while attempts is 0 (retries disabled)")
	}
	if rt.GetRetryOn() == "" {
		return
	}
	for _, policy := range strings.Split(rt.GetRetryOn(), ",") {
		code, _ := strconv.Atoi(policy)
		if http.StatusText(code) == "" && !slices.Contains(retryOnPolicies, policy) {
			report.at(base+".retryOn", "%q is not a valid retryOn policy", policy)
		}
	}
}

func checkRewrite(base string, rw *networking.HTTPRewrite, report reporter) {
	switch rr := rw.GetUriRegexRewrite(); {
	case rw == nil:
	case rw.GetUri() != "" && rr != nil:
		report.at(base, "rewrite may contain only one of uri and uriRegexRewrite")
	case rw.GetUri() == "" && rr == nil && rw.GetAuthority() == "":
		report.at(base, "rewrite must specify uri, uriRegexRewrite or authority")
	case rr != nil && (rr.GetMatch() == "" || rr.GetRewrite() == ""):
		report.at(base+".uriRegexRewrite", "uriRegexRewrite needs both match and rewrite")
	}
}

func checkMirrors(base string, h *networking.HTTPRoute, report reporter) {
	//lint:ignore SA1019 validating the deprecated field is the point of this check
	if v := h.GetMirrorPercent(); v != nil && v.GetValue() > 100 {
		report.at(base+".mirrorPercent", "mirrorPercent must be at most 100 (it is %d)", v.GetValue())
	}
	checkMirrorPercentage(base+".mirrorPercentage", h.GetMirrorPercentage(), report)
	for i, m := range h.GetMirrors() {
		path := graph.IndexPath(base+".mirrors", i)
		if m.GetDestination() == nil {
			if report.written(path + ".destination") {
				report.at(path+".destination", "mirror destination must not be empty")
			}
			continue
		}
		checkMirrorPercentage(path+".percentage", m.GetPercentage(), report)
	}
}

func checkMirrorPercentage(path string, p *networking.Percent, report reporter) {
	if v := p.GetValue(); p != nil && (v < 0 || v > 100) {
		report.at(path+".value", "mirror percentage %v is not in range 0-100", v)
	}
}

// httpMethods are the methods Go's net/http names, which Istio accepts in
// CORS allowMethods (with "*", which newer versions also take).
var httpMethods = []string{"*", http.MethodGet, http.MethodHead, http.MethodPost, http.MethodPut, http.MethodPatch,
	http.MethodDelete, http.MethodConnect, http.MethodOptions, http.MethodTrace}

func checkCORS(base string, c *networking.CorsPolicy, report reporter) {
	for i, m := range c.GetAllowMethods() {
		if !slices.Contains(httpMethods, m) {
			report.at(graph.IndexPath(base+".allowMethods", i), "%q is not a supported HTTP method", m)
		}
	}
	for i, o := range c.GetAllowOrigins() {
		if o.GetExact() == "" && o.GetPrefix() == "" && o.GetRegex() == "" {
			report.at(graph.IndexPath(base+".allowOrigins", i), "an allowOrigins entry needs a non-empty exact, prefix or regex")
		}
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
