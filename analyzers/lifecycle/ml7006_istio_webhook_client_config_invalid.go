package lifecycle

import (
	"net"
	"net/url"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// IstioWebhookClientConfigInvalid reports an Istio webhook whose
// clientConfig the API server rejects: neither url nor service, or a url
// that is not an https URL with a host. Such webhooks are what an external
// control plane install writes, with istiod's address filled in by hand.
var IstioWebhookClientConfigInvalid = &analyzers.Rule{
	ID: "ML7006", Name: "istio-webhook-client-config-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindMutatingWebhookConfiguration, graph.KindValidatingWebhookConfiguration},
	Summary:        "an Istio injection or validation webhook has no usable url or service to reach istiod",
	Istio:          []string{"IST0163"},
	IstioAnalyzers: []string{"externalcontrolplane.ExternalControlPlaneAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML7006"),
	Run:            runIstioWebhookClientConfigInvalid,
}

func runIstioWebhookClientConfigInvalid(p *analyzers.Pass) {
	for _, wh := range istioControlPlaneWebhooks(p.Graph) {
		switch cc := graph.JoinPath(wh.Path, "clientConfig"); {
		case wh.HasURL:
			if graph.HasPlaceholder(wh.URL) {
				continue
			}
			if why := webhookURLProblem(wh.URL); why != "" {
				p.Report(wh.Config, graph.JoinPath(cc, "url"), "webhook %s: url %q %s: the API server rejects the configuration, so istiod is never called; write https://<istiod host>[:port]/<path>",
					wh.Name, wh.URL, why)
			}
		case wh.Service == "":
			path := cc
			if wh.Config.Has(graph.JoinPath(cc, "url")) {
				path = graph.JoinPath(cc, "url")
			}
			p.Report(wh.Config, path, "webhook %s has neither clientConfig.url nor clientConfig.service: the API server rejects the configuration, so istiod is never called; set url to the external istiod's https address, or service to istiod's Service",
				wh.Name)
		}
	}
}

// istioControlPlaneWebhooks are the webhooks of the configurations Istio's
// charts name istio-validator*, istiod-default-validator and
// istio-sidecar-injector*, which the external control plane setup
// points at a remote istiod.
func istioControlPlaneWebhooks(g *graph.Graph) []graph.Webhook {
	var out []graph.Webhook
	for _, r := range g.OfKind(graph.KindValidatingWebhookConfiguration) {
		if r.ShadowedBy == nil && (r.Name == "istiod-default-validator" || strings.HasPrefix(r.Name, "istio-validator")) {
			out = append(out, graph.Webhooks(r)...)
		}
	}
	for _, r := range g.OfKind(graph.KindMutatingWebhookConfiguration) {
		if r.ShadowedBy == nil && strings.HasPrefix(r.Name, "istio-sidecar-injector") {
			out = append(out, graph.Webhooks(r)...)
		}
	}
	return out
}

// webhookURLProblem says why the API server rejects a webhook URL, or "".
func webhookURLProblem(raw string) string {
	u, err := url.Parse(raw)
	switch {
	case err != nil:
		return "does not parse as a URL"
	case u.Scheme != "https":
		return "is not an https URL"
	case u.Host == "" || u.Hostname() == "":
		return "has no host"
	case u.User != nil || u.RawQuery != "" || u.Fragment != "":
		return "has user information, a query or a fragment, which webhook URLs may not"
	}
	return ""
}

// webhookIP returns the host of an https webhook URL when it is an IP
// address, or "".
func webhookIP(raw string) string {
	if webhookURLProblem(raw) != "" {
		return ""
	}
	u, _ := url.Parse(raw)
	if net.ParseIP(u.Hostname()) == nil {
		return ""
	}
	return u.Hostname()
}
