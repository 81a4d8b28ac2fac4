package validation

import (
	"fmt"
	"net/netip"
	"regexp"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// This file holds what the rules of the package share.

// schemaAnalyzer names istioctl's validation analyzer for a kind, as
// `istioctl analyze --analyzer` takes it.
func schemaAnalyzer(kinds ...string) []string {
	out := make([]string, len(kinds))
	for i, k := range kinds {
		out[i] = "schema.ValidationAnalyzer." + k
	}
	return out
}

// reporter records the findings of one rule on one resource.
type reporter struct {
	pass *analyzers.Pass
	res  *graph.Resource
}

// at reports at the field's value (for a mapping or list: from its key).
func (rp reporter) at(path, format string, args ...any) {
	rp.pass.Report(rp.res, path, format, args...)
}

// atKey reports at the key of a map entry, when its name is the problem.
func (rp reporter) atKey(path, format string, args ...any) {
	rp.pass.ReportKey(rp.res, path, format, args...)
}

// before reports whether the field at path a comes before the one at b in
// the document, for what Istio reads from maps in no particular order.
func (rp reporter) before(a, b string) bool {
	pa, pb := rp.res.Location(a).Start, rp.res.Location(b).Start
	return pa.Line < pb.Line || (pa.Line == pb.Line && pa.Column < pb.Column)
}

// written reports whether the field at path is in the document. A field
// the CRD schema requires is reported by ML0103 when absent; these rules
// then check only what is written (an empty list, an empty string).
func (rp reporter) written(path string) bool {
	return rp.res.Has(path)
}

// kindCheck validates every resource of one kind whose spec decoded.
type kindCheck struct {
	kind  graph.GroupKind
	check func(r *graph.Resource, report reporter)
}

// runChecks builds a rule's Run from per-kind checks. Resources whose spec
// did not decode are skipped: ML0005 already reports them.
func runChecks(checks ...kindCheck) func(*analyzers.Pass) {
	return func(p *analyzers.Pass) {
		for _, c := range checks {
			for _, r := range p.Graph.OfKind(c.kind) {
				if r.Spec != nil {
					c.check(r, reporter{p, r})
				}
			}
		}
	}
}

// Host names, after Istio's pkg/config/labels: labels are RFC 1123 labels
// that Istio also accepts in upper case, at most 63 characters; a wildcard
// label is `*`, or a label prefixed with `*` or `*-`.
var (
	dnsLabelRE      = regexp.MustCompile(`^[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?$`)
	wildcardLabelRE = regexp.MustCompile(`^(?:\*|(?:\*|\*-)?[a-zA-Z0-9](?:[-a-zA-Z0-9]*[a-zA-Z0-9])?)$`)
)

func isDNSLabel(s string) bool      { return len(s) <= 63 && dnsLabelRE.MatchString(s) }
func isWildcardLabel(s string) bool { return len(s) <= 63 && wildcardLabelRE.MatchString(s) }

// checkDomainLength is what every host check starts with.
func checkDomainLength(host string) error {
	switch {
	case host == "":
		return fmt.Errorf("empty host name")
	case len(host) > 255:
		return fmt.Errorf("host name %q is too long (at most 255 characters)", host)
	}
	return nil
}

// validateFQDN accepts dot-separated DNS labels whose last label is not all
// digits; a single trailing dot is allowed (`istio.io.`).
func validateFQDN(host string) error {
	if err := checkDomainLength(host); err != nil {
		return err
	}
	return validateLabels(host, host)
}

func validateLabels(host, labels string) error {
	parts := strings.Split(labels, ".")
	if _, err := strconv.Atoi(parts[len(parts)-1]); err == nil {
		return fmt.Errorf("host %q is invalid: its top-level domain %q is all digits", host, parts[len(parts)-1])
	}
	for i, l := range parts {
		if i == len(parts)-1 && l == "" {
			return nil
		}
		if !isDNSLabel(l) {
			return fmt.Errorf("host %q is invalid: label %q is not a DNS label", host, l)
		}
	}
	return nil
}

// validateWildcardDomain is validateFQDN allowing a wildcard first label
// (`*`, `*.example.com`, `*-api.example.com`).
func validateWildcardDomain(host string) error {
	if err := checkDomainLength(host); err != nil {
		return err
	}
	first, rest, found := strings.Cut(host, ".")
	if !isWildcardLabel(first) {
		return fmt.Errorf("host %q is invalid: label %q is not a DNS label or wildcard", host, first)
	}
	if !found {
		return nil
	}
	return validateLabels(host, rest)
}

// isIP reports whether s is an IPv4 or IPv6 address (no prefix length).
func isIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// isIPOrCIDR reports whether s is an IP address or a CIDR block.
func isIPOrCIDR(s string) bool {
	if strings.Count(s, "/") == 1 {
		_, err := netip.ParsePrefix(s)
		return err == nil
	}
	return isIP(s)
}

// knownProtocols are the port protocols Istio parses (case-insensitively);
// anything else is "unsupported". HBONE is accepted too, so that newer
// east-west gateways are not flagged by an older list.
var knownProtocols = map[string]bool{
	"tcp": true, "udp": true, "grpc": true, "grpc-web": true, "http": true, "http_proxy": true, "http2": true,
	"https": true, "tls": true, "mongo": true, "redis": true, "mysql": true, "hbone": true,
}

func isKnownProtocol(p string) bool { return knownProtocols[strings.ToLower(p)] }

// isHTTPProtocol and isTLSProtocol classify a known protocol as Istio does.
func isHTTPProtocol(p string) bool {
	switch strings.ToLower(p) {
	case "http", "http2", "http_proxy", "grpc", "grpc-web":
		return true
	}
	return false
}

func isTLSProtocol(p string) bool {
	switch strings.ToLower(p) {
	case "https", "tls":
		return true
	}
	return false
}

// validPort is Istio's port range.
func validPort(n int64) bool { return n >= 1 && n <= 65535 }

// destAt is a VirtualService destination and its path.
type destAt struct {
	path string
	d    *networking.Destination
}

// virtualServiceDestinations lists the destinations of every route and
// mirror of a VirtualService that are set.
func virtualServiceDestinations(vs *networking.VirtualService) []destAt {
	var out []destAt
	add := func(path string, d *networking.Destination) {
		if d != nil {
			out = append(out, destAt{path, d})
		}
	}
	for i, h := range vs.GetHttp() {
		base := graph.IndexPath("spec.http", i)
		for j, rd := range h.GetRoute() {
			add(graph.IndexPath(base+".route", j)+".destination", rd.GetDestination())
		}
		add(base+".mirror", h.GetMirror())
		for j, m := range h.GetMirrors() {
			add(graph.IndexPath(base+".mirrors", j)+".destination", m.GetDestination())
		}
	}
	for _, l4 := range []struct {
		base   string
		routes [][]*networking.RouteDestination
	}{{"spec.tcp", tcpRoutes(vs)}, {"spec.tls", tlsRoutes(vs)}} {
		for i, routes := range l4.routes {
			for j, rd := range routes {
				add(graph.IndexPath(graph.IndexPath(l4.base, i)+".route", j)+".destination", rd.GetDestination())
			}
		}
	}
	return out
}

func tcpRoutes(vs *networking.VirtualService) [][]*networking.RouteDestination {
	var out [][]*networking.RouteDestination
	for _, t := range vs.GetTcp() {
		out = append(out, t.GetRoute())
	}
	return out
}

func tlsRoutes(vs *networking.VirtualService) [][]*networking.RouteDestination {
	var out [][]*networking.RouteDestination
	for _, t := range vs.GetTls() {
		out = append(out, t.GetRoute())
	}
	return out
}
