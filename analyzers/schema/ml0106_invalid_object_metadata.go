package schema

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/k8svalid"
)

// InvalidObjectMetadata reports names, namespaces, labels and annotations
// the API server rejects. No schema says what they may hold: ObjectMeta's
// rules live in the API server's code, and are restated here.
var InvalidObjectMetadata = &analyzers.Rule{
	ID: "ML0106", Name: "invalid-object-metadata", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary: "a name, namespace, label or annotation the API server rejects",
	Doc:     analyzers.MustDoc(ruleDocs, "ML0106"),
	Run:     runObjectMetadata,
}

const (
	dns1123LabelMax     = k8svalid.DNS1123LabelMaxLength
	dns1123SubdomainMax = k8svalid.DNS1123SubdomainMaxLength
	annotationsMaxBytes = 256 << 10
)

// The API server's wording, without its examples and regular expressions.
const (
	labelRule     = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character"
	subdomainRule = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character"
	dns1035Rule   = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character"
	nameRule      = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
	valueRule     = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character"
)

func runObjectMetadata(p *analyzers.Pass) {
	for _, r := range p.Graph.Resources {
		if msg := objectNameProblem(r); msg != "" {
			p.Report(r, "metadata.name", "metadata.name: Invalid value: %q: %s", r.Name, msg)
		}
		// The graph knows whether the namespace was written (and drops it
		// on cluster-scoped kinds, as the API server does).
		if ns := r.Namespace; !r.NamespaceDefaulted && ns != "" && !validLabel(ns) && !graph.HasPlaceholder(ns) {
			p.Report(r, "metadata.namespace", "metadata.namespace: Invalid value: %q: %s", ns, lengthOr(ns, dns1123LabelMax, labelRule))
		}
		checkLabels(p, r)
		checkAnnotations(p, r)
	}
}

// objectNameProblem says what is wrong with r's name ("" if nothing).
// Most kinds, custom resources included, take a DNS subdomain; RBAC
// objects only have to fit in a URL path segment (system:controller:x is
// a common ClusterRole name), and CertificateSigningRequests take anything.
func objectNameProblem(r *graph.Resource) string {
	name := r.Name
	switch {
	case graph.HasPlaceholder(name):
		return "" // filled in by a template tool before it is applied
	case name == "" && graph.IsInstallConfig(r.GroupKind()):
		return "" // install-time configuration needs no name
	case r.Group == "rbac.authorization.k8s.io":
		return pathSegmentProblem(name)
	case r.Group == "certificates.k8s.io" && r.Kind == "CertificateSigningRequest":
		return ""
	case r.Is(graph.KindNamespace):
		if !validLabel(name) {
			return lengthOr(name, dns1123LabelMax, labelRule)
		}
	case r.Is(graph.KindService):
		if len(name) > dns1123LabelMax || !k8svalid.IsDNS1035Label(name) {
			return lengthOr(name, dns1123LabelMax, dns1035Rule)
		}
	case len(name) > dns1123SubdomainMax || !k8svalid.IsDNS1123Subdomain(name):
		return lengthOr(name, dns1123SubdomainMax, subdomainRule)
	}
	return ""
}

// pathSegmentProblem is the API server's check of names that end up as
// one segment of a URL path.
func pathSegmentProblem(name string) string {
	switch {
	case name == "." || name == "..":
		return fmt.Sprintf("may not be '%s'", name)
	case strings.Contains(name, "/"):
		return "may not contain '/'"
	case strings.Contains(name, "%"):
		return "may not contain '%'"
	}
	return ""
}

func validLabel(s string) bool {
	return len(s) <= dns1123LabelMax && k8svalid.IsDNS1123Label(s)
}

// lengthOr is the length message when s is too long, else rule.
func lengthOr(s string, max int, rule string) string {
	if len(s) > max {
		return fmt.Sprintf("must be no more than %d characters", max)
	}
	return rule
}

func checkLabels(p *analyzers.Pass, r *graph.Resource) {
	for k, v := range r.Labels {
		if qualifiedNameProblem(k) != "" || labelValueBad(v) {
			reportLabels(p, r) // in key order: the map's is random
			return
		}
	}
}

func reportLabels(p *analyzers.Pass, r *graph.Resource) {
	for _, k := range slices.Sorted(maps.Keys(r.Labels)) {
		path := graph.JoinPath("metadata.labels", k)
		if msg := qualifiedNameProblem(k); msg != "" {
			p.ReportKey(r, path, "metadata.labels: Invalid value: %q: %s", k, msg)
		}
		if v := r.Labels[k]; labelValueBad(v) {
			p.Report(r, path, "metadata.labels: Invalid value: %q: %s", v, lengthOr(v, dns1123LabelMax, valueRule))
		}
	}
}

func checkAnnotations(p *analyzers.Pass, r *graph.Resource) {
	total, bad := 0, false
	for k, v := range r.Annotations {
		total += len(k) + len(v)
		bad = bad || qualifiedNameProblem(strings.ToLower(k)) != ""
	}
	if bad {
		for _, k := range slices.Sorted(maps.Keys(r.Annotations)) {
			if msg := qualifiedNameProblem(strings.ToLower(k)); msg != "" {
				p.ReportKey(r, graph.JoinPath("metadata.annotations", k), "metadata.annotations: Invalid value: %q: %s", k, msg)
			}
		}
	}
	if total > annotationsMaxBytes {
		p.Report(r, "metadata.annotations", "metadata.annotations: Too long: must have at most %d bytes (has %d)", annotationsMaxBytes, total)
	}
}

// labelValueBad reports a label value the API server rejects; a template
// placeholder is not judged.
func labelValueBad(v string) bool {
	return (len(v) > dns1123LabelMax || v != "" && !k8svalid.IsQualifiedName(v)) && !graph.HasPlaceholder(v)
}

// qualifiedNameProblem checks a label or annotation key: [prefix/]name. A
// template placeholder is not judged.
func qualifiedNameProblem(key string) string {
	if graph.HasPlaceholder(key) {
		return ""
	}
	prefix, name, hasPrefix := strings.Cut(key, "/")
	if !hasPrefix {
		prefix, name = "", key
	}
	switch {
	case hasPrefix && prefix == "":
		return "prefix part must be non-empty"
	case hasPrefix && (len(prefix) > dns1123SubdomainMax || !k8svalid.IsDNS1123Subdomain(prefix)):
		return "prefix part " + lengthOr(prefix, dns1123SubdomainMax, subdomainRule)
	case name == "":
		return "name part must be non-empty"
	case len(name) > dns1123LabelMax:
		return fmt.Sprintf("name part must be no more than %d characters", dns1123LabelMax)
	case strings.Contains(name, "/") || !k8svalid.IsQualifiedName(name):
		return nameRule
	}
	return ""
}
