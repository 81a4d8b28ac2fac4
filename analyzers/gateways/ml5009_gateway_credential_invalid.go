package gateways

import (
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayCredentialInvalid reports a Gateway credential Secret of the files
// whose content istiod cannot serve.
var GatewayCredentialInvalid = &analyzers.Rule{
	ID: "ML5009", Name: "gateway-credential-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Inputs:         append(graph.EdgeInputs(graph.EdgeGatewayWorkload), graph.KindSecret),
	Summary:        "the Secret a Gateway server's credentialName names has no usable certificate and key, or its certificate is expired",
	Istio:          []string{"IST0161"},
	IstioAnalyzers: []string{"gateway.SecretAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML5009"),
	Run:            runGatewayCredentialInvalid,
}

func runGatewayCredentialInvalid(p *analyzers.Pass) {
	now := time.Now()
	for _, gw := range p.Graph.OfKind(graph.KindGateway) {
		if gw.Implied != "" {
			continue
		}
		for _, c := range p.Graph.GatewayCredentials(gw) {
			if c.Secret == nil || c.Secret.Implied != "" {
				continue
			}
			problem := credentialProblem(secretData(c.Secret), now)
			if problem == "" {
				continue
			}
			f := p.Report(gw, c.Path, "Secret %s/%s %s: istiod serves no certificate for this server, so TLS handshakes for %s fail; put a PEM certificate and its key under tls.crt and tls.key (or cert and key)",
				c.Secret.Namespace, c.Secret.Name, problem, strings.Join(gw.Gateway().GetServers()[c.Server].GetHosts(), ", "))
			f.RelateResource(c.Secret, "data", "Secret %s", c.Secret.Name)
		}
	}
}

// secretData merges a Secret's data (base64) and stringData; nil when a
// value is templated or not base64, which the files do not settle.
func secretData(s *graph.Resource) map[string]string {
	out := map[string]string{}
	data, _ := s.Object["data"].(map[string]any)
	for k, v := range data {
		str, _ := v.(string)
		b, err := base64.StdEncoding.DecodeString(str)
		if err != nil || graph.HasPlaceholder(str) {
			return nil
		}
		out[k] = string(b)
	}
	strData, _ := s.Object["stringData"].(map[string]any)
	for k, v := range strData {
		str, _ := v.(string)
		if graph.HasPlaceholder(str) {
			return nil
		}
		out[k] = str
	}
	return out
}

// credentialProblem follows istiod's reading of a credential Secret: cert
// and key, else tls.crt and tls.key, the first PEM block of the
// certificate parsed and within its validity. "" when usable, or when the
// Secret holds no data or empty values (a placeholder filled elsewhere).
func credentialProblem(data map[string]string, now time.Time) string {
	if len(data) == 0 {
		return ""
	}
	cert, ok := pairValue(data, "cert", "key")
	if !ok {
		cert, ok = pairValue(data, "tls.crt", "tls.key")
	}
	if !ok {
		if hasAll(data, "cert", "key") || hasAll(data, "tls.crt", "tls.key") {
			return "" // keys present but empty: filled in at deploy time
		}
		return fmt.Sprintf("has neither tls.crt and tls.key nor cert and key (it has %s)", strings.Join(sortedDataKeys(data), ", "))
	}
	block, _ := pem.Decode([]byte(cert))
	if block == nil {
		return "holds a certificate that is not PEM"
	}
	certs, err := x509.ParseCertificates(block.Bytes)
	if err != nil {
		return "holds a certificate that cannot be parsed"
	}
	for _, c := range certs {
		if now.After(c.NotAfter) {
			return "holds a certificate that expired on " + c.NotAfter.UTC().Format(time.DateOnly)
		}
		if now.Before(c.NotBefore) {
			return "holds a certificate not valid before " + c.NotBefore.UTC().Format(time.DateOnly)
		}
	}
	return ""
}

func pairValue(data map[string]string, certKey, keyKey string) (string, bool) {
	c, k := data[certKey], data[keyKey]
	return c, c != "" && k != ""
}

func hasAll(data map[string]string, keys ...string) bool {
	for _, k := range keys {
		if _, ok := data[k]; !ok {
			return false
		}
	}
	return true
}

func sortedDataKeys(data map[string]string) []string {
	keys := make([]string, 0, len(data))
	for k := range data {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
