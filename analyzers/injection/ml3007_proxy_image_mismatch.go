package injection

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ProxyImageMismatch reports pod specs that already carry an istio-proxy
// container (the output of istioctl kube-inject, or pods copied from a
// cluster) whose image is not the one their namespace's injector writes:
// the injector leaves injected pods alone, so these keep a proxy of
// another version than the control plane until injected again.
var ProxyImageMismatch = &analyzers.Rule{
	ID: "ML3007", Name: "proxy-image-mismatch", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         append(graph.InjectionInputs(), graph.KindConfigMap, graph.KindProxyConfig),
	Summary:        "an istio-proxy container in a pod spec runs another image than the namespace's injector writes",
	Istio:          []string{"IST0158"},
	IstioAnalyzers: []string{"injection.ImageAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3007"),
	Run:            runProxyImageMismatch,
}

// staleProxy is an istio-proxy container whose image differs.
type staleProxy struct {
	workload *graph.Resource
	path     string
	image    string
}

func runProxyImageMismatch(p *analyzers.Pass) {
	stale := map[*graph.Resource][]staleProxy{}
	var order []*graph.Resource
	for _, e := range p.Graph.Edges(graph.EdgeWorkloadNamespace) {
		r := e.From
		if len(e.To) != 1 || r.ShadowedBy != nil || r.Workload.Annotations["sidecar.istio.io/proxyImage"] != "" {
			continue
		}
		ns := e.To[0]
		rev, injected := namespaceRevision(ns)
		want, cm := p.Graph.InjectorProxyImage(rev)
		if !injected || cm == nil {
			continue
		}
		variant := p.Graph.ProxyImageType(r)
		for _, c := range proxyImages(r) {
			if c.image == want || c.image == want+"-"+variant || graph.HasPlaceholder(c.image) {
				continue
			}
			if stale[ns] == nil {
				order = append(order, ns)
			}
			stale[ns] = append(stale[ns], c)
		}
	}
	for _, ns := range order {
		reportStaleProxies(p, ns, stale[ns])
	}
}

func reportStaleProxies(p *analyzers.Pass, ns *graph.Resource, cs []staleProxy) {
	rev, _ := namespaceRevision(ns)
	want, cm := p.Graph.InjectorProxyImage(rev)
	var names []string
	for _, c := range cs {
		names = append(names, c.workload.Name+" ("+c.image+")")
	}
	f := p.Report(ns, namespaceRevisionPath(ns), "namespace %q is injected by %s, which writes the proxy image %s, but the pod specs of %s already have an istio-proxy container with another image: the injector skips pods that have one, so they run a proxy of another version than the control plane; "+
		"remove the istio-proxy container and let the injector add it, or inject the manifests again (istioctl kube-inject)",
		ns.Name, cm.Name, want, strings.Join(names, ", ")).WithKey(rev)
	f.RelateResource(cm, "data.values", "ConfigMap %s sets the injected image", cm.Name)
	for _, c := range cs {
		f.RelateResource(c.workload, c.path, "%s runs %s", c.workload, c.image)
	}
}

// namespaceRevision is the revision whose injector serves a namespace:
// istio-injection: enabled picks the default one, else istio.io/rev; ok
// is false when no injector does.
func namespaceRevision(ns *graph.Resource) (rev string, ok bool) {
	inj, labelled := ns.Labels[graph.LabelIstioInjection]
	rev = ns.Labels[graph.LabelRevision]
	switch {
	case inj == "enabled":
		return "default", true
	case labelled || rev == "" || graph.HasPlaceholder(rev):
		return "", false
	}
	return rev, true
}

func namespaceRevisionPath(ns *graph.Resource) string {
	if ns.Labels[graph.LabelIstioInjection] == "enabled" {
		return graph.JoinPath("metadata", "labels", graph.LabelIstioInjection)
	}
	return graph.JoinPath("metadata", "labels", graph.LabelRevision)
}

// proxyImages returns the istio-proxy containers (and native sidecar
// init containers) of a workload's pod spec with their image.
func proxyImages(r *graph.Resource) []staleProxy {
	var out []staleProxy
	for _, field := range []string{"containers", "initContainers"} {
		path := graph.JoinPath(r.Workload.TemplatePath, "spec", field)
		list, _ := r.ValueAt(path)
		items, _ := list.([]any)
		for i, item := range items {
			m, _ := item.(map[string]any)
			image, _ := m["image"].(string)
			if m["name"] == "istio-proxy" && image != "" {
				out = append(out, staleProxy{r, graph.JoinPath(graph.IndexPath(path, i), "image"), image})
			}
		}
	}
	return out
}
