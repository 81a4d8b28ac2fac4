package injection

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// PolicyTargetsWorkloadOutsideMesh reports a policy whose workload
// selector selects a workload no proxy of the policy's kind runs beside:
// pods outside the mesh have none, and ambient pods have ztunnel, which
// reads only AuthorizationPolicy and PeerAuthentication. The policy
// silently does nothing for that workload. Namespace-wide policies (no
// selector) are not reported: they are usually meant for whatever runs
// in the mesh there.
var PolicyTargetsWorkloadOutsideMesh = &analyzers.Rule{
	ID: "ML3005", Name: "policy-targets-workload-outside-mesh", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  append(graph.EdgeInputs(graph.EdgePolicyWorkload), append(graph.InjectionInputs(), graph.KindSidecar)...),
	Summary: "a policy's workload selector selects a workload outside the mesh, for which it does nothing",
	// IST0167 for a Sidecar whose selector picks an ambient pod, or that
	// has no selector in an ambient namespace.
	Istio:          []string{"IST0167"},
	IstioAnalyzers: []string{"sidecar.SelectorAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3005"),
	Run:            runPolicyTargetsWorkloadOutsideMesh,
}

// notForAmbient are the kinds only Envoy proxies apply: an ambient pod's
// ztunnel ignores them, and a waypoint takes policies by targetRefs.
var notForAmbient = map[graph.GroupKind]string{
	graph.KindSidecar:     "a Sidecar configures sidecar proxies only",
	graph.KindEnvoyFilter: "an EnvoyFilter patches Envoy proxies, and ztunnel is not one",
	graph.KindWasmPlugin:  "a WasmPlugin runs in Envoy proxies; attach it to a waypoint with targetRefs instead",
}

func runPolicyTargetsWorkloadOutsideMesh(p *analyzers.Pass) {
	reportAmbientDefaultSidecars(p)
	for _, e := range p.Graph.Edges(graph.EdgePolicyWorkload) {
		r := e.From
		if r.Implied != "" || e.NamespaceWide() || selectorTemplated(r) {
			continue
		}
		for _, w := range e.Workloads {
			if w.Implied() {
				continue
			}
			switch v := p.Graph.Injection(w.Resource); {
			case v.Mode == graph.ModeOutside:
				f := p.Report(r, e.Path, "the %s selects %s, which runs outside the mesh (%s): no proxy runs beside its pods, so the policy silently does nothing for it; "+
					"add the workload to the mesh or narrow the selector%s", r.Kind, w, v.Reason, byDefaultHint(v))
				relateVerdict(f.WithKey(w.String()), w.Resource, v)
			case v.Mode == graph.ModeAmbient && notForAmbient[r.GroupKind()] != "":
				f := p.Report(r, e.Path, "the %s selects %s, which runs in ambient mode (%s): %s, so it silently does nothing for it",
					r.Kind, w, v.Reason, notForAmbient[r.GroupKind()])
				relateVerdict(f.WithKey(w.String()), w.Resource, v)
			}
		}
	}
}

// selectorTemplated reports whether a policy's selector holds a template
// placeholder: what it selects is not known until rendered.
func selectorTemplated(r *graph.Resource) bool {
	sel, _ := graph.PolicySelector(r)
	return mapTemplated(sel)
}

// relateVerdict points at the workload and at the field that decided
// where its pods run, when another resource holds it.
func relateVerdict(f *analyzers.Finding, w *graph.Resource, v graph.InjectionVerdict) {
	if v.Decider == w {
		f.RelateResource(w, v.Path, "%s runs %s: %s", w, modeText(v.Mode), v.Reason)
		return
	}
	f.RelateResource(w, "metadata.name", "%s runs %s", w, modeText(v.Mode))
	if v.Decider != nil {
		f.RelateResource(v.Decider, v.Path, "%s decides: %s", v.Decider, v.Reason)
	}
}

// byDefaultHint is said when a verdict rests on a Namespace without any
// injection label: an install with enableNamespacesByDefault injects it,
// and meshlint cannot see the install unless told.
func byDefaultHint(v graph.InjectionVerdict) string {
	if v.Mode != graph.ModeOutside || v.Decider == nil || !v.Decider.Is(graph.KindNamespace) || graph.NamespaceInjection(v.Decider) != graph.InjectionNone {
		return ""
	}
	return " (if the install sets enableNamespacesByDefault, say so in .meshlint.yaml: injection: {enableNamespacesByDefault: true})"
}

// reportAmbientDefaultSidecars reports the Sidecars without selector of a
// namespace whose Namespace object puts it in ambient mode, when no
// workload of the files there runs a sidecar (a pod may opt into one):
// the Sidecar then configures nothing.
func reportAmbientDefaultSidecars(p *analyzers.Pass) {
	for _, group := range p.Graph.NamespaceDefaultPolicies(graph.KindSidecar) {
		ns := p.Graph.Namespace(group[0].Namespace)
		if ns == nil || graph.NamespaceInjection(ns) != graph.InjectionAmbient || runsSidecarIn(p.Graph, ns.Name) {
			continue
		}
		for _, r := range group {
			p.Report(r, "metadata.name", "Sidecar %s has no workloadSelector, so it is the default of namespace %q, which runs in ambient mode: "+
				"ztunnel and waypoints do not read a Sidecar, so it configures nothing; remove it, or move the namespace's workloads to sidecar mode",
				r.Name, ns.Name).RelateResource(ns, graph.JoinPath("metadata", "labels", graph.LabelDataplaneMode), "namespace %q runs in ambient mode", ns.Name)
		}
	}
}

// runsSidecarIn reports whether a workload of the files in namespace ns
// runs with a sidecar proxy.
func runsSidecarIn(g *graph.Graph, ns string) bool {
	for _, w := range g.Workloads() {
		if w.Namespace == ns && !w.Implied() && g.Injection(w.Resource).Mode == graph.ModeSidecar {
			return true
		}
	}
	return false
}
