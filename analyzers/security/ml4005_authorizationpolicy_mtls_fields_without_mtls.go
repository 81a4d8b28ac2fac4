package security

import (
	"fmt"

	security "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// AuthorizationPolicyMTLSFieldsWithoutMTLS reports an AuthorizationPolicy
// that matches on the peer identity of workloads that accept only plain
// text, which carries none.
var AuthorizationPolicyMTLSFieldsWithoutMTLS = &analyzers.Rule{
	ID: "ML4005", Name: "authorizationpolicy-mtls-fields-without-mtls", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs: append(graph.EdgeInputs(graph.EdgePolicyWorkload),
		graph.KindPeerAuthentication, graph.KindNamespace),
	Summary: "an AuthorizationPolicy matches on source principals, namespaces or service accounts of workloads whose mTLS is disabled",
	Doc:     analyzers.MustDoc(ruleDocs, "ML4005"),
	Run:     runAuthorizationPolicyMTLSFieldsWithoutMTLS,
}

func runAuthorizationPolicyMTLSFieldsWithoutMTLS(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgePolicyWorkload) {
		ap := e.From.AuthorizationPolicy()
		if ap == nil {
			continue // another kind of policy
		}
		field, found := firstIdentityField(ap)
		if e.From.Implied != "" || !found {
			continue
		}
		w, m := plainTextWorkload(p.Graph, e.Workloads)
		if w == nil {
			continue
		}
		consequence, severity := identityConsequence(ap, field), p.Rule.Severity
		if allowsNothing(ap) && !otherAllowPolicy(p.Graph, e.From, w) {
			consequence += fmt.Sprintf("; no other ALLOW policy in the analyzed manifests applies to %s, so every request to it is denied", w)
			severity = analyzers.SeverityError
		}
		f := p.Report(e.From, field.path, "%s needs the peer identity that mTLS carries, but PeerAuthentication %s disables mTLS for %s: %s; "+
			"enable mTLS for the workload (PERMISSIVE or STRICT) or match on what plain text carries (ipBlocks, or request.auth fields from a JWT)",
			field.name, m.Source.NamespacedName(), w, consequence)
		f.RelateResource(m.Source, m.Path, "PeerAuthentication %s disables mTLS", m.Source.NamespacedName())
		f.WithSeverity(severity)
	}
}

// plainTextWorkload is the first of ws that runs a sidecar whose policy
// disables mTLS on every port, with that policy.
func plainTextWorkload(g *graph.Graph, ws []*graph.Workload) (*graph.Workload, graph.PeerAuthMode) {
	for _, w := range ws {
		if w.Implied() || graph.IsControlPlane(w.Labels) || g.Injection(w.Resource).Mode != graph.ModeSidecar {
			continue
		}
		if m := g.WorkloadPeerAuth(w); m.Mode == graph.MTLSDisable && !m.PortLevel && m.Source != nil {
			return w, m
		}
	}
	return nil, graph.PeerAuthMode{}
}

// otherAllowPolicy reports whether an ALLOW policy other than ap in the
// files applies to w and may match a plain-text request.
func otherAllowPolicy(g *graph.Graph, ap *graph.Resource, w *graph.Workload) bool {
	for _, e := range g.Edges(graph.EdgePolicyWorkload) {
		other := e.From.AuthorizationPolicy()
		if other == nil || e.From == ap || other.GetAction() != security.AuthorizationPolicy_ALLOW || allowsNothing(other) {
			continue
		}
		for _, x := range e.Workloads {
			if x == w {
				return true
			}
		}
	}
	return false
}

// identityConsequence says what the field does to the policy's action.
func identityConsequence(ap *security.AuthorizationPolicy, f identityField) string {
	rule := graph.IndexPath("spec.rules", f.rule)
	verbs := map[security.AuthorizationPolicy_Action][2]string{
		security.AuthorizationPolicy_ALLOW: {"allows", "also allows the sources it excludes"},
		security.AuthorizationPolicy_DENY:  {"denies", "also denies the sources it exempts"},
		security.AuthorizationPolicy_AUDIT: {"audits", "also audits the sources it excludes"},
	}
	v, known := verbs[ap.GetAction()]
	switch {
	case f.negated && known:
		return fmt.Sprintf("on plain text the field matches every request, so %s %s", rule, v[1])
	case f.negated:
		return "on plain text the field matches every request"
	case !ruleNeverMatches(ap.GetRules()[f.rule]):
		return "on plain text the field never matches, so its source never does"
	case known:
		return fmt.Sprintf("on plain text the field never matches, so %s never %s a request", rule, v[0])
	}
	return "on plain text the field never matches, so " + rule + " never does"
}
