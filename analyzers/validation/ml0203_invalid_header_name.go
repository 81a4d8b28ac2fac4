package validation

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"
	security "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/lazyre"
)

// InvalidHeaderName reports header names Istio's webhook rejects.
var InvalidHeaderName = webhookRule(&analyzers.Rule{
	ID: "ML0203", Name: "invalid-header-name", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a header name in a match, header operation or CORS policy is not one Istio accepts",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("VirtualService", "RequestAuthentication"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0203"),
}, kindCheck{graph.KindVirtualService, checkVirtualServiceHeaders},
	kindCheck{graph.KindRequestAuthentication, checkRequestAuthenticationHeaders})

var (
	// headerNameRE is Istio's notion of a header name.
	headerNameRE = lazyre.New(`^[-_A-Za-z0-9]+$`)
	// headerValueRE excludes control characters other than tab.
	headerValueRE = lazyre.New("^[^\x00-\x08\x0A-\x1F\x7F]*$")
)

func headerNameProblem(name string) string {
	switch {
	case name == "":
		return "header name must not be empty"
	case !headerNameRE.MatchString(name):
		return fmt.Sprintf("header name %q is invalid: only letters, digits, '-' and '_' are allowed", name)
	}
	return ""
}

func checkVirtualServiceHeaders(r *graph.Resource, report reporter) {
	vs := r.VirtualService()
	onGateway := appliesToGateways(vs)
	for i, h := range vs.GetHttp() {
		base := graph.IndexPath("spec.http", i)
		for j, m := range h.GetMatch() {
			mp := graph.IndexPath(base+".match", j)
			checkMatchHeaderKeys(mp+".headers", m.GetHeaders(), onGateway, report)
			checkMatchHeaderKeys(mp+".withoutHeaders", m.GetWithoutHeaders(), onGateway, report)
		}
		checkHeaderOperations(base+".headers", h.GetHeaders(), report)
		for j, d := range h.GetRoute() {
			checkHeaderOperations(graph.IndexPath(base+".route", j)+".headers", d.GetHeaders(), report)
		}
		checkAuthorityRewrite(base, h, report)
		checkCORSHeaders(base+".corsPolicy", h.GetCorsPolicy(), report)
	}
}

func checkMatchHeaderKeys(base string, m map[string]*networking.StringMatch, onGateway bool, report reporter) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		path := graph.JoinPath(base, k)
		if istiovalid.IsJWTClaimRoute(k) {
			if !onGateway {
				report.at(path, "JWT claim routing (%s) is only supported on gateways; this VirtualService applies to sidecars", k)
			}
			continue
		}
		if msg := headerNameProblem(k); msg != "" {
			report.at(path, "%s", msg)
		}
	}
}

// checkHeaderOperations checks header manipulation. Requests may set the
// authority (`:authority` or `host`); nothing may touch other pseudo-headers,
// and only requests may rewrite Host.
func checkHeaderOperations(base string, h *networking.Headers, report reporter) {
	// authority: the operation may set the request authority.
	ops := []struct {
		path      string
		names     []string
		values    map[string]string
		authority bool
	}{
		{".request.set", nil, h.GetRequest().GetSet(), true},
		{".request.add", nil, h.GetRequest().GetAdd(), true},
		{".request.remove", h.GetRequest().GetRemove(), nil, false},
		{".response.set", nil, h.GetResponse().GetSet(), false},
		{".response.add", nil, h.GetResponse().GetAdd(), false},
		{".response.remove", h.GetResponse().GetRemove(), nil, false},
	}
	for _, op := range ops {
		if len(op.names) == 0 && len(op.values) == 0 {
			continue // most routes set no headers: no sorting, no paths
		}
		for i, name := range op.names {
			checkOperationName(graph.IndexPath(base+op.path, i), name, false, report)
		}
		for _, name := range slices.Sorted(maps.Keys(op.values)) {
			path := graph.JoinPath(base+op.path, name)
			checkOperationName(path, name, op.authority, report)
			if !headerValueRE.MatchString(op.values[name]) {
				report.at(path, "header value for %q contains control characters", name)
			}
		}
	}
}

func checkOperationName(path, name string, authorityAllowed bool, report reporter) {
	at := report.atKey
	authority := strings.EqualFold(name, ":authority") || strings.EqualFold(name, "host")
	switch {
	case name == "":
		at(path, "header name must not be empty")
	case authorityAllowed && authority:
	case strings.EqualFold(name, "host"):
		at(path, "header %q cannot be used here: Host may only be set or added on requests", name)
	case strings.HasPrefix(name, ":"):
		at(path, "header %q cannot be modified: pseudo-headers (\":\" prefix) are managed by Envoy", name)
	}
}

// checkAuthorityRewrite reports the authority being set more than once;
// the first setting in the document counts, the others are reported.
func checkAuthorityRewrite(base string, h *networking.HTTPRoute, report reporter) {
	var paths []string
	if h.GetRewrite().GetAuthority() != "" {
		paths = append(paths, base+".rewrite.authority")
	}
	for _, op := range []struct {
		path string
		m    map[string]string
	}{{".headers.request.set", h.GetHeaders().GetRequest().GetSet()}, {".headers.request.add", h.GetHeaders().GetRequest().GetAdd()}} {
		for k := range op.m {
			if strings.EqualFold(k, ":authority") || strings.EqualFold(k, "host") {
				paths = append(paths, graph.JoinPath(base+op.path, k))
			}
		}
	}
	slices.SortFunc(paths, func(a, b string) int {
		switch {
		case report.before(a, b):
			return -1
		case report.before(b, a):
			return 1
		}
		return 0
	})
	for _, p := range paths[min(1, len(paths)):] {
		report.atKey(p, "the authority is already set at %s; it can be set only once", paths[0])
	}
}

func checkCORSHeaders(base string, c *networking.CorsPolicy, report reporter) {
	for _, f := range []struct {
		path  string
		names []string
	}{{".allowHeaders", c.GetAllowHeaders()}, {".exposeHeaders", c.GetExposeHeaders()}} {
		for i, name := range f.names {
			if name == "*" {
				continue
			}
			if msg := headerNameProblem(name); msg != "" {
				report.at(graph.IndexPath(base+f.path, i), "%s", msg)
			}
		}
	}
}

func checkRequestAuthenticationHeaders(r *graph.Resource, report reporter) {
	ra, _ := r.Spec.(*security.RequestAuthentication)
	for i, jr := range ra.GetJwtRules() {
		base := graph.IndexPath("spec.jwtRules", i)
		for j, h := range jr.GetFromHeaders() {
			if path := graph.IndexPath(base+".fromHeaders", j) + ".name"; h.GetName() == "" && report.written(path) {
				report.at(path, "fromHeaders name must not be empty")
			}
		}
		for j, c := range jr.GetOutputClaimToHeaders() {
			path := graph.IndexPath(base+".outputClaimToHeaders", j)
			if c.GetClaim() == "" || c.GetHeader() == "" {
				// Absent ones are ML0103's: the CRD requires both.
				if report.written(path+".claim") && report.written(path+".header") {
					report.at(path, "outputClaimToHeaders needs both a claim and a header")
				}
				continue
			}
			if msg := headerNameProblem(c.GetHeader()); msg != "" {
				report.at(path+".header", "%s", msg)
			}
		}
	}
}
