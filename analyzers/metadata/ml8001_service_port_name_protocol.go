package metadata

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServicePortNameProtocol reports Service ports from whose name (or
// appProtocol) Istio cannot tell the protocol.
var ServicePortNameProtocol = &analyzers.Rule{
	ID: "ML8001", Name: "service-port-name-protocol", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindService},
	Summary:        "a Service port's name or appProtocol does not name a protocol Istio knows",
	Istio:          []string{"IST0118"},
	IstioAnalyzers: []string{"service.PortNameAnalyzer"},
	Doc: "Istio picks a port's protocol from its `appProtocol`, else from its name: `<protocol>` or " +
		"`<protocol>-<suffix>`, with protocol one of `http`, `http2`, `https`, `grpc`, `grpc-web`, `tcp`, `tls`, " +
		"`mongo`, `mysql`, `redis`, `udp` (any case; `appProtocol` also takes `kubernetes.io/h2c`, `kubernetes.io/ws` " +
		"and `kubernetes.io/wss`). For any other name, or no name at all, the proxy has to sniff the protocol " +
		"from the first bytes of each connection: server-first protocols stall, HTTP routing rules may not " +
		"apply, and telemetry is coarser. Ports 25, 53, 3306 and 27017 are taken as TCP, and `protocol: UDP` " +
		"ports are not proxied. Istio's own Services (label `istio` or `release: istio`), Services of " +
		"Istio-managed gateways and waypoints, and Services in kube-system, kube-public, kube-node-lease and " +
		"local-path-storage are not checked. ExternalName Services are checked by ML8002.\n\n" +
		"### Bad\n```yaml\nkind: Service\nmetadata: {name: reviews}\nspec:\n  ports:\n  - name: web\n    port: 9080\n```\n\n" +
		"### Good\n```yaml\nkind: Service\nmetadata: {name: reviews}\nspec:\n  ports:\n  - name: http-web\n    port: 9080\n```\n",
	Run: func(p *analyzers.Pass) { runServicePortNames(p, false) },
}
