package security

import (
	"strings"

	security "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// RequestAuthenticationJWKSFetchUnrestricted reports an istiod Deployment
// without BLOCKED_CIDRS_IN_JWKS_URIS while RequestAuthentications make
// istiod fetch keys from the URLs they name.
var RequestAuthenticationJWKSFetchUnrestricted = &analyzers.Rule{
	ID: "ML4008", Name: "requestauthentication-jwks-fetch-unrestricted", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindRequestAuthentication, graph.KindDeployment},
	Summary:        "istiod fetches JWKS for RequestAuthentications without BLOCKED_CIDRS_IN_JWKS_URIS limiting where",
	Istio:          []string{"IST0175"},
	IstioAnalyzers: []string{"authn.BlockedCIDRsAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML4008"),
	Run:            runRequestAuthenticationJWKSFetchUnrestricted,
}

// blockedCIDRsEnv is istiod's setting that refuses JWKS URLs resolving
// into the listed ranges.
const blockedCIDRsEnv = "BLOCKED_CIDRS_IN_JWKS_URIS"

func runRequestAuthenticationJWKSFetchUnrestricted(p *analyzers.Pass) {
	fetching := jwksFetchers(p.Graph)
	if len(fetching) == 0 {
		return
	}
	for _, d := range p.Graph.OfKind(graph.KindDeployment) {
		if d.Implied != "" || d.Labels["app"] != "istiod" {
			continue
		}
		path, set := istiodEnvPath(d)
		if set {
			continue
		}
		f := p.Report(d, path, "%d RequestAuthentication(s) make istiod fetch JWKS from the URLs they name (%s), and istiod does not set %s: "+
			"a jwksUri or issuer that resolves to an internal address makes istiod request it from inside the cluster; "+
			"set %s on the discovery container to the private ranges istiod must not reach (e.g. 10.0.0.0/8,172.16.0.0/12,192.168.0.0/16)",
			len(fetching), names(fetching), blockedCIDRsEnv, blockedCIDRsEnv)
		for _, ra := range fetching {
			f.RelateResource(ra, "spec.jwtRules", "%s fetches keys over the network", ra)
		}
	}
}

// jwksFetchers are the RequestAuthentications with a JWT rule without
// inline keys: istiod fetches those from jwksUri, or from the issuer's
// OpenID discovery document when jwksUri is empty too.
func jwksFetchers(g *graph.Graph) []*graph.Resource {
	var out []*graph.Resource
	for _, r := range g.OfKind(graph.KindRequestAuthentication) {
		ra, _ := r.Spec.(*security.RequestAuthentication)
		for _, rule := range ra.GetJwtRules() {
			if rule.GetJwks() == "" && !graph.IsPlaceholderValue(rule.GetJwksUri()) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

// istiodEnvPath returns where to point in an istiod Deployment (the env
// of its discovery container, else its first container) and whether some
// container sets BLOCKED_CIDRS_IN_JWKS_URIS, by value or from elsewhere.
func istiodEnvPath(d *graph.Resource) (string, bool) {
	containers, _ := lookup(d.Object, "spec", "template", "spec")["containers"].([]any)
	path := "spec.template.spec"
	for i, c := range containers {
		cm, _ := c.(map[string]any)
		if envSets(cm["env"]) {
			return "", true
		}
		if i == 0 || cm["name"] == "discovery" {
			path = graph.IndexPath("spec.template.spec.containers", i) + ".name"
			if _, ok := cm["env"]; ok {
				path = graph.IndexPath("spec.template.spec.containers", i) + ".env"
			}
		}
	}
	return path, false
}

// envSets reports whether an env list gives the setting a non-empty
// value or takes it from a ConfigMap or Secret.
func envSets(v any) bool {
	list, _ := v.([]any)
	for _, e := range list {
		em, _ := e.(map[string]any)
		if em["name"] != blockedCIDRsEnv {
			continue
		}
		if s, _ := em["value"].(string); s != "" || em["valueFrom"] != nil {
			return true
		}
	}
	return false
}

// lookup walks nested maps by keys; nil when one is missing.
func lookup(obj map[string]any, keys ...string) map[string]any {
	for _, k := range keys {
		obj, _ = obj[k].(map[string]any)
	}
	return obj
}

// names lists resources as ns/name, the first five and a count.
func names(rs []*graph.Resource) string {
	var out []string
	for i, r := range rs {
		if i == 5 {
			out = append(out, "and more")
			break
		}
		out = append(out, r.NamespacedName())
	}
	return strings.Join(out, ", ")
}
