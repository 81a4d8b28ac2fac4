package graph

import "strings"

// DefaultClusterDomain is the Kubernetes DNS suffix Istio assumes.
const DefaultClusterDomain = "cluster.local"

// FQDN expands a short host name the way Istio does: a host without a dot
// that is not a wildcard becomes <host>.<namespace>.svc.<domain>. Anything
// with a dot is taken literally, so `reviews.default` is not expanded.
func FQDN(host, namespace, domain string) string {
	if host == "" || strings.HasPrefix(host, "*") || strings.Contains(host, ".") {
		return host
	}
	return host + "." + namespace + ".svc." + domain
}

// SplitServiceFQDN splits <name>.<namespace>.svc.<domain> into name and
// namespace (the name part is greedy). ok is false for other hosts.
func SplitServiceFQDN(host, domain string) (name, namespace string, ok bool) {
	suffix := ".svc." + domain
	if !strings.HasSuffix(host, suffix) {
		return "", "", false
	}
	rest := strings.TrimSuffix(host, suffix)
	i := strings.LastIndexByte(rest, '.')
	if i <= 0 || i == len(rest)-1 {
		return "", "", false
	}
	return rest[:i], rest[i+1:], true
}

// IsWildcard reports whether a host is a wildcard (`*` or `*.suffix`).
func IsWildcard(host string) bool { return strings.HasPrefix(host, "*") }

// HostsMatch implements Istio's host matching: two plain hosts match when
// equal; a wildcard `*X` matches hosts ending in X; two wildcards match when
// one suffix ends with the other. It is symmetric and case-sensitive.
func HostsMatch(a, b string) bool {
	aw, bw := IsWildcard(a), IsWildcard(b)
	switch {
	case !aw && !bw:
		return a == b
	case aw && !bw:
		return strings.HasSuffix(b, a[1:])
	case !aw && bw:
		return strings.HasSuffix(a, b[1:])
	}
	sa, sb := a[1:], b[1:]
	if len(sa) < len(sb) {
		return strings.HasSuffix(sb, sa)
	}
	return strings.HasSuffix(sa, sb)
}

// ExportScope is a namespace a host is visible from; ScopePublic means all.
const ScopePublic = "*"

// exportScopes turns an exportTo list into visibility scopes: empty or
// containing "*" means public, "." means the owner's namespace, any other
// value is a namespace name ("~" is thus a scope no one is in).
func exportScopes(exportTo []string, ownNamespace string) []string {
	if len(exportTo) == 0 {
		return []string{ScopePublic}
	}
	var scopes []string
	seen := map[string]bool{}
	for _, e := range exportTo {
		e = strings.TrimSpace(e)
		switch e {
		case ScopePublic:
			return []string{ScopePublic}
		case ".":
			e = ownNamespace
		}
		if !seen[e] {
			seen[e] = true
			scopes = append(scopes, e)
		}
	}
	return scopes
}

// serviceExportTo reads the networking.istio.io/exportTo annotation.
func serviceExportTo(r *Resource) []string {
	v := strings.TrimSpace(r.Annotations[AnnotationExportTo])
	if v == "" {
		return nil
	}
	var out []string
	for _, e := range strings.Split(v, ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, e)
		}
	}
	return out
}

// AnnotationExportTo limits where a Service is visible.
const AnnotationExportTo = "networking.istio.io/exportTo"
