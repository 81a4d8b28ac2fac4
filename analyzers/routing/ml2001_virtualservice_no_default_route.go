package routing

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// VirtualServiceNoDefaultRoute reports VirtualServices whose HTTP rules all
// carry match conditions, so unmatched requests have no route.
var VirtualServiceNoDefaultRoute = &analyzers.Rule{
	ID: "ML2001", Name: "virtualservice-no-default-route", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindVirtualService},
	Summary: "every HTTP rule of a VirtualService has match conditions, so some requests get no route",
	Doc:     analyzers.MustDoc(ruleDocs, "ML2001"),
	Run:     runVirtualServiceNoDefaultRoute,
}

func runVirtualServiceNoDefaultRoute(p *analyzers.Pass) {
	for _, r := range p.Graph.OfKind(graph.KindVirtualService) {
		vs := r.VirtualService()
		if vs == nil || len(vs.GetHosts()) == 0 || len(vs.GetHttp()) == 0 {
			continue
		}
		if hasDefaultRoute(vs.GetHttp()) {
			continue
		}
		last := graph.IndexPath("spec.http", len(vs.GetHttp())-1)
		p.Report(r, last+".match", "no default route: every HTTP rule has match conditions, so requests that match none get a 404; add a last rule without match")
	}
}

func hasDefaultRoute(rules []*networking.HTTPRoute) bool {
	for _, h := range rules {
		if len(h.GetMatch()) == 0 {
			return true
		}
		for _, m := range h.GetMatch() {
			if isCatchAll(m) {
				return true
			}
		}
	}
	return false
}

// isCatchAll reports whether a match accepts every request: nothing but
// labels (name, statPrefix), ignoreUriCase and a URI prefix of "/" (or a
// regex of ".*").
func isCatchAll(m *networking.HTTPMatchRequest) bool {
	if len(m.GetHeaders()) > 0 || len(m.GetQueryParams()) > 0 || len(m.GetWithoutHeaders()) > 0 ||
		m.GetMethod() != nil || m.GetAuthority() != nil || m.GetScheme() != nil || m.GetPort() != 0 ||
		len(m.GetSourceLabels()) > 0 || len(m.GetGateways()) > 0 || m.GetSourceNamespace() != "" {
		return false
	}
	u := m.GetUri()
	return u == nil || u.GetPrefix() == "/" || u.GetRegex() == ".*"
}
