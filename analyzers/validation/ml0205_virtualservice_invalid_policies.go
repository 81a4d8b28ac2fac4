package validation

import (
	"net/http"
	"slices"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/graph"
)

// The checks of ML0205 on what an HTTP route does besides routing:
// redirects, direct responses, faults, retries, rewrites, mirrors and CORS.

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
