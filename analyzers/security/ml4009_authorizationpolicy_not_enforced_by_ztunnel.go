package security

import (
	"slices"
	"strings"

	securityapi "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// AuthorizationPolicyNotEnforcedByZtunnel reports an AuthorizationPolicy
// bound by selector (or namespace-wide) to ambient workloads that ztunnel
// cannot enforce as written: it checks connections, not HTTP requests, so
// Istio drops the HTTP conditions (an ALLOW rule with one never matches, a
// DENY rule loses it), and it does not run CUSTOM or AUDIT policies.
var AuthorizationPolicyNotEnforcedByZtunnel = &analyzers.Rule{
	ID: "ML4009", Name: "authorizationpolicy-not-enforced-by-ztunnel", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:  append(graph.EdgeInputs(graph.EdgePolicyWorkload), graph.InjectionInputs()...),
	Summary: "an AuthorizationPolicy with HTTP attributes, or a CUSTOM or AUDIT action, applies to ambient workloads through ztunnel, which cannot enforce it as written",
	Doc:     analyzers.MustDoc(ruleDocs, "ML4009"),
	Run:     runAuthorizationPolicyNotEnforcedByZtunnel,
}

func runAuthorizationPolicyNotEnforcedByZtunnel(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgePolicyWorkload) {
		ap := e.From.AuthorizationPolicy()
		if ap == nil || e.From.Implied != "" || dryRun(e.From) {
			continue
		}
		ambient := ambientWorkloads(p.Graph, e)
		if len(ambient) == 0 {
			continue
		}
		if f := reportZtunnelAction(p, e.From, ap, ambient); f != nil {
			relateAmbient(p.Graph, f, ambient)
			continue
		}
		if attrs := httpAttributes(ap); len(attrs) > 0 {
			sortByPosition(e.From, attrs)
			relateAmbient(p.Graph, reportHTTPAttributes(p, e.From, ap, attrs, ambient), ambient)
		}
	}
}

// ambientWorkloads are the workloads of the files an edge selects that
// ztunnel captures.
func ambientWorkloads(g *graph.Graph, e *graph.Edge) []*graph.Resource {
	var out []*graph.Resource
	for _, w := range e.Workloads {
		if !w.Implied() && g.Injection(w.Resource).Mode == graph.ModeAmbient {
			out = append(out, w.Resource)
		}
	}
	return out
}

// reportZtunnelAction reports CUSTOM and AUDIT, which ztunnel refuses.
func reportZtunnelAction(p *analyzers.Pass, r *graph.Resource, ap *securityapi.AuthorizationPolicy, ambient []*graph.Resource) *analyzers.Finding {
	action := ap.GetAction()
	if action != securityapi.AuthorizationPolicy_CUSTOM && action != securityapi.AuthorizationPolicy_AUDIT {
		return nil
	}
	return p.Report(r, "spec.action", "action %s applies to %s, which %s in ambient mode: ztunnel does not support %s, so the policy does nothing there; "+
		"attach it to a waypoint with targetRefs instead of selecting the workloads", action, workloadNames(ambient), runs(ambient), action).WithSeverity(analyzers.SeverityWarning)
}

// reportHTTPAttributes reports the HTTP attributes ztunnel drops, at the
// first of them: an error for ALLOW (the requests those rules allow are
// denied), a warning for DENY (it denies more, or nothing).
func reportHTTPAttributes(p *analyzers.Pass, r *graph.Resource, ap *securityapi.AuthorizationPolicy, attrs []httpAttribute, ambient []*graph.Resource) *analyzers.Finding {
	fields := make([]string, 0, len(attrs))
	for _, a := range attrs {
		if !slices.Contains(fields, a.name) {
			fields = append(fields, a.name)
		}
	}
	consequence := "Istio drops every ALLOW rule that has one, and the requests those rules allow are denied"
	severity := analyzers.SeverityError
	if ap.GetAction() == securityapi.AuthorizationPolicy_DENY {
		consequence = "Istio keeps DENY rules without them: a rule with other conditions denies every connection matching those, and a rule with none left denies nothing"
		severity = analyzers.SeverityWarning
	}
	return p.Report(r, attrs[0].path, "HTTP attributes (%s) apply to %s, which %s in ambient mode: ztunnel sees connections, not requests, so %s; "+
		"enforce HTTP rules in a waypoint (targetRefs to the waypoint or the workload's Service), and keep only layer-4 conditions for ztunnel",
		strings.Join(fields, ", "), workloadNames(ambient), runs(ambient), consequence).WithSeverity(severity)
}

func workloadNames(rs []*graph.Resource) string {
	ss := make([]string, 0, len(rs))
	for i, r := range rs {
		if i == 3 {
			ss = append(ss, "and others")
			break
		}
		ss = append(ss, r.String())
	}
	return strings.Join(ss, ", ")
}

func runs(rs []*graph.Resource) string {
	if len(rs) == 1 {
		return "runs"
	}
	return "run"
}

// relateAmbient points at what puts the first ambient workload in
// ambient mode.
func relateAmbient(g *graph.Graph, f *analyzers.Finding, ambient []*graph.Resource) {
	v := g.Injection(ambient[0])
	if v.Decider != nil {
		f.RelateResource(v.Decider, v.Path, "%s runs in ambient mode: %s", ambient[0], v.Reason)
	}
}

// dryRun reports the istio.io/dry-run annotation, under which ztunnel
// does not enforce the policy.
func dryRun(r *graph.Resource) bool {
	return strings.EqualFold(r.Annotations["istio.io/dry-run"], "true")
}

// sortByPosition orders attributes as the document writes them, so that
// the finding points at the first.
func sortByPosition(r *graph.Resource, attrs []httpAttribute) {
	slices.SortStableFunc(attrs, func(a, b httpAttribute) int {
		la, lb := r.Location(a.path).Start, r.Location(b.path).Start
		if la.Line != lb.Line {
			return la.Line - lb.Line
		}
		return la.Column - lb.Column
	})
}
