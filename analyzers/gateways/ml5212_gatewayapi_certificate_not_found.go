package gateways

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayAPICertificateNotFound reports listener certificateRefs whose
// Secret is missing from a namespace whose Secrets the files define.
var GatewayAPICertificateNotFound = &analyzers.Rule{
	ID: "ML5212", Name: "gatewayapi-certificate-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs: append(graph.EdgeInputs(graph.EdgeListenerSecret),
		kindCertificate, kindSealedSecret, kindExternalSecret),
	Summary: "a Gateway listener's certificateRef names a Secret that its namespace does not have, while the files define that namespace's Secrets",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5212"),
	Run:     runGatewayAPICertificateNotFound,
}

func runGatewayAPICertificateNotFound(p *analyzers.Pass) {
	secretsIn := map[string]bool{}
	for _, s := range p.Graph.OfKind(graph.KindSecret) {
		if s.Implied == "" {
			secretsIn[s.Namespace] = true
		}
	}
	for _, e := range routeEdges(p.Graph, graph.EdgeListenerSecret) {
		ns, name := e.API.Namespace, e.API.Name
		if e.Resolved() || !secretsIn[ns] || secretProduced(p.Graph, ns, name) {
			continue
		}
		p.Report(e.From, graph.JoinPath(e.Path, "name"),
			"Secret %s is not found in namespace %s in the analyzed manifests, which define other Secrets there: Istio marks the listener ResolvedRefs=False (InvalidCertificateRef) and serves no certificate for it, so TLS handshakes fail; create the Secret, or fix the name",
			name, ns)
	}
}
