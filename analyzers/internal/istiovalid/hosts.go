// Package istiovalid holds the one copy of Istio's value validators that
// several rule families share: host names and their labels, IP addresses,
// ports and protocol names. Each follows what Istio's validating webhook
// and its protocol parser accept, which is not always what the API server
// accepts (Istio takes upper-case host labels, for one); the Kubernetes
// grammars underneath live in internal/k8svalid.
package istiovalid

import (
	"errors"
	"fmt"
	"net/netip"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/internal/k8svalid"
)

// maxHostLength is the longest host name Istio accepts.
const maxHostLength = 255

// IsDNSLabel reports whether s is a host label as Istio checks it: an
// RFC 1123 label of at most 63 characters, upper case allowed.
func IsDNSLabel(s string) bool {
	return len(s) <= k8svalid.DNS1123LabelMaxLength && k8svalid.IsLabel(s, k8svalid.AnyCase)
}

// IsWildcardLabel reports whether s is a host's first label as Istio
// allows it: a label, `*` alone, or a label prefixed with `*` or `*-`.
func IsWildcardLabel(s string) bool {
	if len(s) > k8svalid.DNS1123LabelMaxLength {
		return false
	}
	if s == "*" {
		return true
	}
	if rest, wild := strings.CutPrefix(s, "*"); wild {
		s = strings.TrimPrefix(rest, "-")
	}
	return k8svalid.IsLabel(s, k8svalid.AnyCase)
}

// checkHostLength is what every host check starts with.
func checkHostLength(host string) error {
	switch {
	case host == "":
		return fmt.Errorf("empty host name")
	case len(host) > maxHostLength:
		return fmt.Errorf("host name %q is too long (at most %d characters)", host, maxHostLength)
	}
	return nil
}

// ValidateFQDN accepts dot-separated labels whose last label is not all
// digits; a single trailing dot is allowed (`istio.io.`).
func ValidateFQDN(host string) error {
	if err := checkHostLength(host); err != nil {
		return err
	}
	return validateLabels(host, host)
}

// ValidateWildcardDomain is ValidateFQDN allowing a wildcard first label
// (`*`, `*.example.com`, `*-api.example.com`).
func ValidateWildcardDomain(host string) error {
	if err := checkHostLength(host); err != nil {
		return err
	}
	first, rest, found := strings.Cut(host, ".")
	if !IsWildcardLabel(first) {
		return fmt.Errorf("host %q is invalid: label %q is not a DNS label or wildcard", host, first)
	}
	if !found {
		return nil
	}
	return validateLabels(host, rest)
}

// validateLabels checks the labels of host that labels holds (all of them,
// or those after a wildcard).
func validateLabels(host, labels string) error {
	parts := strings.Split(labels, ".")
	// Istio asks strconv.Atoi; a top-level domain that starts with a
	// letter (local, com) is not asked, which spares the error it makes.
	if tld := parts[len(parts)-1]; tld != "" && strings.IndexByte("+-0123456789", tld[0]) >= 0 && isAtoi(tld) {
		return fmt.Errorf("host %q is invalid: its top-level domain %q is all digits", host, tld)
	}
	for i, l := range parts {
		if i == len(parts)-1 && l == "" {
			return nil
		}
		if !IsDNSLabel(l) {
			return fmt.Errorf("host %q is invalid: label %q is not a DNS label", host, l)
		}
	}
	return nil
}

// IsIP reports whether s is an IPv4 or IPv6 address (no prefix length).
// DestinationHostProblem says what Istio's webhook finds wrong with a
// route destination's host (nil: nothing): empty, `*`, or not a domain.
// ML0206 reports it, and the reference rules skip such hosts.
func DestinationHostProblem(host string) error {
	if host == "*" {
		return errors.New("invalid destination host *")
	}
	return ValidateWildcardDomain(host)
}

func IsIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// IsIPOrCIDR reports whether s is an IP address or a CIDR block.
func IsIPOrCIDR(s string) bool {
	if strings.Count(s, "/") == 1 {
		_, err := netip.ParsePrefix(s)
		return err == nil
	}
	return IsIP(s)
}

// ValidPort is Istio's port range.
func ValidPort(n int64) bool { return n >= 1 && n <= 65535 }

// NamespacedHostProblem says what is wrong with a Gateway server host
// (`[ns/]host`, IPs allowed) or a Sidecar egress host (`ns/host`, `~`
// allowed as namespace), or "". It is one message however many problems
// the entry has, so that one host gets one finding.
func NamespacedHostProblem(h string, gateway bool) string {
	ns, host, found := strings.Cut(h, "/")
	if !found {
		if !gateway {
			return fmt.Sprintf("host %q must have the form namespace/host (e.g. ./*, istio-system/*)", h)
		}
		return strings.Join(hostPartProblems(h, gateway), "; ")
	}
	var out []string
	switch {
	case ns == "" || host == "":
		out = append(out, fmt.Sprintf("host %q: namespace and host must not be empty", h))
	case ns != "*" && ns != "." && (gateway || ns != "~") && !IsDNSLabel(ns):
		out = append(out, fmt.Sprintf("host %q: invalid namespace %q", h, ns))
	}
	return strings.Join(append(out, hostPartProblems(host, gateway)...), "; ")
}

// hostPartProblems lists what is wrong with the host part of an entry: a
// partial wildcard (which is also a short name: that is the same
// mistake, said once), a short name, a label that is not a DNS label.
func hostPartProblems(host string, gateway bool) []string {
	if strings.Contains(host, "*") && host != "*" && !strings.HasPrefix(host, "*.") {
		// Say what is wrong rather than which label fails.
		return []string{fmt.Sprintf("partial wildcard %q is not allowed: a wildcard must be a whole first label (*.example.com)", host)}
	}
	var out []string
	if host != "*" && !strings.Contains(host, ".") {
		out = append(out, fmt.Sprintf("short host name %q is not allowed: use a fully qualified name", host))
	}
	if err := ValidateWildcardDomain(host); err != nil && !(gateway && IsIP(host)) {
		out = append(out, err.Error())
	}
	return out
}

func isAtoi(s string) bool {
	_, err := strconv.Atoi(s)
	return err == nil
}
