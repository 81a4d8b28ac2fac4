package injection

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ProxyImageAutoNotInjected reports workloads whose istio-proxy container
// says image: auto (the injector fills in the image; Istio's gateway
// deployments are written so) but whose pods no webhook injects: the
// container keeps the image "auto", which cannot be pulled, and the pods
// never start.
var ProxyImageAutoNotInjected = &analyzers.Rule{
	ID: "ML3010", Name: "proxy-image-auto-not-injected", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         graph.InjectionInputs(),
	Summary:        "an istio-proxy container with image: auto is in pods no webhook injects, so they cannot start",
	Istio:          []string{"IST0146", "IST0147"},
	IstioAnalyzers: []string{"injection.ImageAutoAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3010"),
	Run:            runProxyImageAutoNotInjected,
}

func runProxyImageAutoNotInjected(p *analyzers.Pass) {
	for _, r := range p.Graph.Resources {
		if r.Workload == nil || r.Workload.ProxyAutoPath == "" || r.ShadowedBy != nil {
			continue
		}
		v := p.Graph.Injection(r)
		if v.Mode != graph.ModeOutside && v.Mode != graph.ModeAmbient {
			continue
		}
		f := p.Report(r, r.Workload.ProxyAutoPath, "the istio-proxy container has image: auto, which only sidecar injection replaces, but %s is not injected (%s): the kubelet tries to pull the image \"auto\" and the pods never start; "+
			"let the namespace or the pod template ask for injection (label sidecar.istio.io/inject: \"true\" on the template), or write the proxy image", r.Name, v.Reason)
		if v.Decider != nil && v.Decider != r {
			f.RelateResource(v.Decider, v.Path, "%s decides", v.Decider)
		}
	}
}
