package metadata

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ExternalNameServicePortName reports ExternalName Service ports that
// Istio would treat as plain TCP.
var ExternalNameServicePortName = &analyzers.Rule{
	ID: "ML8002", Name: "externalname-service-port-name", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindService},
	Summary:        "an ExternalName Service port is named tcp or does not name a protocol Istio knows",
	Istio:          []string{"IST0150"},
	IstioAnalyzers: []string{"service.PortNameAnalyzer"},
	Doc: "An ExternalName Service is a DNS alias, and Istio turns it into a DNS-resolved service entry for " +
		"the external name. Traffic to a port Istio takes as plain TCP cannot be told apart by host: with " +
		"several such services on one port, or with unmatched TCP traffic on it, the proxy may send connections " +
		"to the wrong place or not forward them. Name the port after its real protocol (`http`, `https`, " +
		"`tls`, `grpc`, … as for ML8001), or set `appProtocol`; a port named exactly `tcp`, an unnamed port and " +
		"an unknown name are reported.\n\n" +
		"### Bad\n```yaml\nkind: Service\nmetadata: {name: payments}\nspec:\n  type: ExternalName\n" +
		"  externalName: api.payments.example.com\n  ports:\n  - name: tcp\n    port: 443\n```\n\n" +
		"### Good\n```yaml\nkind: Service\nmetadata: {name: payments}\nspec:\n  type: ExternalName\n" +
		"  externalName: api.payments.example.com\n  ports:\n  - name: https\n    port: 443\n```\n",
	Run: func(p *analyzers.Pass) { runServicePortNames(p, true) },
}
