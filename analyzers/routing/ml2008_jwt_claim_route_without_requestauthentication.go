package routing

import (
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// JWTClaimRouteWithoutRequestAuthentication reports a VirtualService that
// matches on JWT claims at a gateway whose workloads no
// RequestAuthentication applies to: nothing validates the token, so the
// claims are never there and the match never holds.
var JWTClaimRouteWithoutRequestAuthentication = &analyzers.Rule{
	ID: "ML2008", Name: "jwt-claim-route-without-requestauthentication", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs: slices.Concat(graph.EdgeInputs(graph.EdgeGateway), graph.EdgeInputs(graph.EdgeGatewayWorkload),
		[]graph.GroupKind{graph.KindRequestAuthentication}),
	Summary:        "a VirtualService routes on JWT claims at a gateway no RequestAuthentication applies to",
	Istio:          []string{"IST0149"},
	IstioAnalyzers: []string{"virtualservice.JWTClaimRouteAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2008"),
	Run:            runJWTClaimRouteWithoutRequestAuthentication,
}

func runJWTClaimRouteWithoutRequestAuthentication(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		key, path := claimMatch(r)
		if key == "" || r.Implied != "" {
			continue
		}
		for _, e := range p.Graph.EdgesFrom(r, graph.EdgeGateway) {
			for _, gw := range e.To {
				if bare := unauthenticated(p.Graph, gw); len(bare) > 0 {
					p.Report(r, path, "route matches JWT claim %q at Gateway %s/%s, but no RequestAuthentication applies to its workload %s: "+
						"no token is validated there, so the claim is never set and the match never holds; add a RequestAuthentication "+
						"whose selector picks the gateway workload (in its namespace or the root namespace)",
						key, gw.Namespace, gw.Name, strings.Join(bare, ", ")).
						RelateResource(gw, "spec.selector", "Gateway %s/%s selects the workload", gw.Namespace, gw.Name)
				}
			}
		}
	}
}

// unauthenticated names the workloads in the files of an Istio Gateway
// that no RequestAuthentication applies to. Implied workloads (an
// install's default gateway) are left out: their policies live with the
// install, which the files may not hold.
func unauthenticated(g *graph.Graph, gw *graph.Resource) []string {
	var out []string
	for _, e := range g.EdgesFrom(gw, graph.EdgeGatewayWorkload) {
		for _, w := range e.Workloads {
			if !w.Implied() && len(g.RequestAuthenticationsOf(w)) == 0 {
				out = append(out, w.String())
			}
		}
	}
	return out
}

// claimMatch finds the first header match on a JWT claim in r's HTTP
// routes: the header name and its field path.
func claimMatch(r *graph.Resource) (key, path string) {
	vs := r.VirtualService()
	for i, h := range vs.GetHttp() {
		for j, m := range h.GetMatch() {
			base := graph.IndexPath(graph.IndexPath("spec.http", i)+".match", j)
			for _, field := range []string{"headers", "withoutHeaders"} {
				headers := m.GetHeaders()
				if field == "withoutHeaders" {
					headers = m.GetWithoutHeaders()
				}
				for _, k := range sortedKeys(headers) {
					if istiovalid.IsJWTClaimRoute(k) {
						return k, graph.JoinPath(base, field, k)
					}
				}
			}
		}
	}
	return "", ""
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
