package lifecycle

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// IstioWebhookAddressNotHostname reports an Istio webhook that reaches
// istiod at an IP address. It works, but the serving certificate must
// carry the IP, and the address breaks as soon as the external control
// plane's load balancer changes: advice, as istioctl's IST0164 is.
var IstioWebhookAddressNotHostname = &analyzers.Rule{
	ID: "ML7007", Name: "istio-webhook-address-not-hostname", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindMutatingWebhookConfiguration, graph.KindValidatingWebhookConfiguration},
	Summary:        "an Istio injection or validation webhook reaches istiod at an IP address instead of a host name",
	Istio:          []string{"IST0164"},
	IstioAnalyzers: []string{"externalcontrolplane.ExternalControlPlaneAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML7007"),
	Run:            runIstioWebhookAddressNotHostname,
}

func runIstioWebhookAddressNotHostname(p *analyzers.Pass) {
	for _, wh := range istioControlPlaneWebhooks(p.Graph) {
		if !wh.HasURL || graph.HasPlaceholder(wh.URL) {
			continue
		}
		if ip := webhookIP(wh.URL); ip != "" {
			p.Report(wh.Config, graph.JoinPath(wh.Path, "clientConfig", "url"), "webhook %s reaches istiod at the IP address %s: istiod's certificate must then name that IP, and the webhook breaks when the address changes; use a DNS name for the external control plane",
				wh.Name, ip)
		}
	}
}
