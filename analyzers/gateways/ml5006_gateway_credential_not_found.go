package gateways

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// Kinds whose objects create a Secret of a name they give: cert-manager's
// Certificate (spec.secretName), Bitnami's SealedSecret (its own name) and
// External Secrets' ExternalSecret (spec.target.name, else its own name).
var (
	kindCertificate    = graph.GroupKind{Group: "cert-manager.io", Kind: "Certificate"}
	kindSealedSecret   = graph.GroupKind{Group: "bitnami.com", Kind: "SealedSecret"}
	kindExternalSecret = graph.GroupKind{Group: "external-secrets.io", Kind: "ExternalSecret"}
)

// GatewayCredentialNotFound reports a credentialName whose Secret is not in
// the gateway's namespace, when the files hold that namespace's Secrets.
var GatewayCredentialNotFound = &analyzers.Rule{
	ID: "ML5006", Name: "gateway-credential-not-found", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs: append(graph.EdgeInputs(graph.EdgeGatewayWorkload),
		graph.KindSecret, kindCertificate, kindSealedSecret, kindExternalSecret),
	Summary:        "a Gateway's credentialName names a Secret that the gateway's namespace does not have, while the files define that namespace's Secrets",
	Istio:          []string{"IST0101"},
	IstioAnalyzers: []string{"gateway.SecretAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5006"),
	Run:            runGatewayCredentialNotFound,
}

func runGatewayCredentialNotFound(p *analyzers.Pass) {
	secretsIn := map[string]bool{}
	for _, s := range p.Graph.OfKind(graph.KindSecret) {
		if s.Implied == "" {
			secretsIn[s.Namespace] = true
		}
	}
	for _, gw := range p.Graph.OfKind(graph.KindGateway) {
		if gw.Implied != "" {
			continue
		}
		for _, c := range p.Graph.GatewayCredentials(gw) {
			ns := c.Workload.Namespace
			if c.Secret != nil || !secretsIn[ns] || secretProduced(p.Graph, ns, c.Name) {
				continue
			}
			p.Report(gw, c.Path,
				"Secret %q is not found in namespace %s in the analyzed manifests, which define other Secrets there: gateway %s reads its credential from its own namespace, so until the Secret exists there it serves no certificate for this server and TLS handshakes fail; create the Secret in %s, or fix the name",
				c.Name, ns, c.Workload.String(), ns)
		}
	}
}

// secretProduced reports whether an object of the files creates Secret
// ns/name: the Secret is then real though no manifest defines it.
func secretProduced(g *graph.Graph, ns, name string) bool {
	for _, k := range []graph.GroupKind{kindCertificate, kindSealedSecret, kindExternalSecret} {
		for _, r := range g.OfKind(k) {
			if r.Namespace == ns && producedName(r) == name {
				return true
			}
		}
	}
	return false
}

func producedName(r *graph.Resource) string {
	spec, _ := r.Object["spec"].(map[string]any)
	switch r.GroupKind() {
	case kindCertificate:
		n, _ := spec["secretName"].(string)
		return n
	case kindExternalSecret:
		target, _ := spec["target"].(map[string]any)
		if n, _ := target["name"].(string); n != "" {
			return n
		}
	}
	return r.Name
}
