package injection

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServiceMixedInjection reports a Service whose endpoints are partly
// injected: clients' proxies send mTLS to the pods with a sidecar and
// plain text to the others, and policies apply to one half only, so one
// Service behaves differently per endpoint. Jobs and CronJobs are left
// out: their pods run to completion and usually opt out of injection on
// purpose. Workloads whose verdict is unknown or ambient are not counted.
var ServiceMixedInjection = &analyzers.Rule{
	ID: "ML3006", Name: "service-mixed-injection", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  append(graph.EdgeInputs(graph.EdgeServiceWorkload), graph.InjectionInputs()...),
	Summary: "a Service selects workloads with a sidecar and workloads outside the mesh",
	Doc:     analyzers.MustDoc(ruleDocs, "ML3006"),
	Run:     runServiceMixedInjection,
}

func runServiceMixedInjection(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeServiceWorkload) {
		svc := e.From
		if svc.Implied != "" || mapTemplated(svc.Service.Selector) {
			continue
		}
		sides := map[string][]*graph.Workload{}
		verdicts := map[*graph.Workload]graph.InjectionVerdict{}
		for _, w := range e.Workloads {
			if w.Implied() || runsToCompletion(w.Resource) {
				continue
			}
			v := p.Graph.Injection(w.Resource)
			verdicts[w] = v
			sides[v.Mode] = append(sides[v.Mode], w)
		}
		in, out := sides[graph.ModeSidecar], sides[graph.ModeOutside]
		if len(in) == 0 || len(out) == 0 {
			continue
		}
		f := p.Report(svc, e.Path, "Service %s selects %s with a sidecar (%s: %s) and %s outside the mesh (%s: %s): "+
			"clients' proxies send mTLS to the first and plain text to the others, and the policies of the workloads (STRICT PeerAuthentication, AuthorizationPolicy) hold only for the first, "+
			"so a request is treated differently depending on the pod it reaches; inject all of them, or give the workloads outside the mesh a Service of their own%s",
			svc.Name, plural(len(in), "workload"), in[0], verdicts[in[0]].Reason, plural(len(out), "workload"), out[0], verdicts[out[0]].Reason, byDefaultHint(verdicts[out[0]]))
		relateVerdict(f, in[0].Resource, verdicts[in[0]])
		relateVerdict(f, out[0].Resource, verdicts[out[0]])
	}
}

// runsToCompletion reports whether a workload's pods exit when done.
func runsToCompletion(r *graph.Resource) bool {
	return r.Is(graph.KindJob) || r.Is(graph.KindCronJob)
}

// mapTemplated reports whether a selector holds a template placeholder.
func mapTemplated(m map[string]string) bool {
	for k, v := range m {
		if graph.HasPlaceholder(k) || graph.HasPlaceholder(v) {
			return true
		}
	}
	return false
}
