package references

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewaySelectorNoWorkload reports Gateways whose selector matches no
// gateway workload.
var GatewaySelectorNoWorkload = &analyzers.Rule{
	ID: "ML1105", Name: "gateway-selector-no-workload", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.EdgeInputs(graph.EdgeGatewayWorkload),
	Summary:        "a Gateway's selector matches no gateway workload",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"gateway.IngressGatewayPortAnalyzer", "gateway.SecretAnalyzer"},
	Doc: "An Istio Gateway configures the Envoy proxies whose pods match `spec.selector`, in any namespace. " +
		"When no Deployment, StatefulSet, DaemonSet, ReplicaSet, Job, CronJob or Pod template carries those " +
		"labels, the Gateway configures nothing and its hosts are unreachable. Istio's default ingress gateway " +
		"(`istio: ingressgateway` in `istio-system`) is assumed to exist unless `--no-default-ingress` is given.\n\n" +
		"### Bad\n```yaml\nkind: Gateway\nspec:\n  selector:\n    istio: ingress-gateway   # the label is istio: ingressgateway\n" +
		"  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"*\"]\n```\n\n" +
		"### Good\n```yaml\nkind: Gateway\nspec:\n  selector:\n    istio: ingressgateway\n" +
		"  servers:\n  - port: {number: 80, name: http, protocol: HTTP}\n    hosts: [\"*\"]\n```\n",
	Run: runGatewaySelectorNoWorkload,
}

func runGatewaySelectorNoWorkload(p *analyzers.Pass) {
	for _, e := range p.Graph.Edges(graph.EdgeGatewayWorkload) {
		if e.Resolved() {
			continue
		}
		note := ""
		if !p.Graph.Options().AssumeDefaultIngress {
			note = " (the default ingress gateway is not assumed)"
		}
		path := e.Path
		if e.Target == "" {
			path = "spec"
		}
		p.Report(e.From, path, "selector %q matches no workload in the analyzed manifests%s", e.Target, note)
	}
}
