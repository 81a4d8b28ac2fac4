package injection

import (
	"maps"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// InjectionWebhookInvalid reports Istio injection webhooks that select
// the same pods (each injects a sidecar, so the pod gets two or is
// rejected) and webhooks whose istiod Service is not in the files.
var InjectionWebhookInvalid = &analyzers.Rule{
	ID: "ML3008", Name: "injection-webhook-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindMutatingWebhookConfiguration, graph.KindService},
	Summary:        "Istio injection webhooks select the same pods, or call an istiod Service that is not in the files",
	Istio:          []string{"IST0139"},
	IstioAnalyzers: []string{"webhook.Analyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3008"),
	Run:            runInjectionWebhookInvalid,
}

func runInjectionWebhookInvalid(p *analyzers.Pass) {
	whs := injectionWebhooks(p.Graph)
	reportOverlaps(p, whs)
	for _, wh := range whs {
		reportMissingService(p, wh)
	}
}

// injectionWebhooks are the webhooks of the configurations that are
// Istio's: one of their webhooks is named *istio.io, or they name a
// revision. Configurations with templated selectors are left out.
func injectionWebhooks(g *graph.Graph) []graph.Webhook {
	var out []graph.Webhook
	for _, r := range g.OfKind(graph.KindMutatingWebhookConfiguration) {
		whs := graph.Webhooks(r)
		if r.ShadowedBy != nil || r.Implied != "" || (!slices.ContainsFunc(whs, graph.Webhook.IstioWebhook) && len(revisions(r, whs)) == 0) {
			continue
		}
		if !slices.ContainsFunc(whs, func(w graph.Webhook) bool { return w.NamespaceSelector.Templated || w.ObjectSelector.Templated }) {
			out = append(out, whs...)
		}
	}
	return out
}

// revisions are the istio.io/rev values a configuration names, on its
// label or in its webhooks' selectors.
func revisions(r *graph.Resource, whs []graph.Webhook) []string {
	var revs []string
	if rev, ok := r.Labels[graph.LabelRevision]; ok {
		revs = append(revs, rev)
	}
	for _, w := range whs {
		revs = append(revs, w.NamespaceSelector.Values(graph.LabelRevision)...)
		revs = append(revs, w.ObjectSelector.Values(graph.LabelRevision)...)
	}
	slices.Sort(revs)
	return slices.Compact(revs)
}

// labelSets are the namespace and pod labels that decide injection:
// none, istio-injection enabled or disabled (sidecar.istio.io/inject true
// or false for pods), each with and without every revision named.
func labelSets(key string, values []string, revs []string) []map[string]string {
	sets := []map[string]string{{}}
	for _, v := range values {
		sets = append(sets, map[string]string{key: v})
	}
	for _, rev := range revs {
		for _, base := range sets[:len(values)+1] {
			s := maps.Clone(base)
			s[graph.LabelRevision] = rev
			sets = append(sets, s)
		}
	}
	return sets
}

func reportOverlaps(p *analyzers.Pass, whs []graph.Webhook) {
	var revs []string
	for _, w := range whs {
		revs = append(revs, revisions(w.Config, []graph.Webhook{w})...)
	}
	slices.Sort(revs)
	revs = slices.Compact(revs)
	others := make([]map[int]bool, len(whs))
	example := make([]string, len(whs))
	for _, nsl := range labelSets(graph.LabelIstioInjection, []string{"enabled", "disabled"}, revs) {
		for _, podl := range labelSets(graph.LabelSidecarInject, []string{"true", "false"}, revs) {
			var matched []int
			for i, w := range whs {
				if w.NamespaceSelector.Matches(nsl) && w.ObjectSelector.Matches(podl) {
					matched = append(matched, i)
				}
			}
			for _, i := range matched {
				for _, j := range matched {
					if i == j {
						continue
					}
					if others[i] == nil {
						others[i] = map[int]bool{}
						example[i] = "namespace labels " + labelString(nsl) + " and pod labels " + labelString(podl)
					}
					others[i][j] = true
				}
			}
		}
	}
	for i, w := range whs {
		if len(others[i]) == 0 {
			continue
		}
		var names []string
		for _, j := range slices.Sorted(maps.Keys(others[i])) {
			names = append(names, whs[j].Config.Name+"/"+whs[j].Name)
		}
		f := p.Report(w.Config, w.Path, "webhook %s overlaps with %s: a pod with %s is sent to each, and each injects a sidecar, so it gets two proxies or is rejected; give the webhooks selectors that no namespace and pod match together",
			w.Name, strings.Join(names, ", "), example[i])
		for _, j := range slices.Sorted(maps.Keys(others[i])) {
			f.RelateResource(whs[j].Config, whs[j].Path, "webhook %s also matches", whs[j].Name)
		}
	}
}

func labelString(m map[string]string) string {
	if len(m) == 0 {
		return "{}"
	}
	var parts []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		parts = append(parts, k+"="+m[k])
	}
	return "{" + strings.Join(parts, ", ") + "}"
}

// reportMissingService reports a webhook calling a Service absent from
// the files, when the files hold Services of that namespace: otherwise
// the control plane is likely installed from elsewhere.
func reportMissingService(p *analyzers.Pass, wh graph.Webhook) {
	ns, name, ok := strings.Cut(wh.Service, "/")
	if !ok || wh.HasURL || name == "" || graph.HasPlaceholder(wh.Service) {
		return
	}
	if p.Graph.Get(graph.Key{GroupKind: graph.KindService, Namespace: ns, Name: name}) != nil || !hasServicesIn(p.Graph, ns) {
		return
	}
	p.Report(wh.Config, graph.JoinPath(wh.Path, "clientConfig", "service", "name"), "webhook %s calls Service %s/%s, which is not in the analyzed manifests though other Services of %s are: if it does not exist, every pod this webhook selects fails to be created (or is not injected); name istiod's Service",
		wh.Name, ns, name, ns).WithSeverity(analyzers.SeverityWarning)
}

func hasServicesIn(g *graph.Graph, ns string) bool {
	for _, s := range g.OfKind(graph.KindService) {
		if s.Namespace == ns && s.Implied == "" {
			return true
		}
	}
	return false
}
