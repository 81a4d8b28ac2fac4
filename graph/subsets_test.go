package graph

import (
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

// subsetVisibilityYAML is a DestinationRule in namespace bookinfo defining
// subset v1 of reviews, with the given spec lines, and VirtualServices that
// route to it: "local" in bookinfo, "remote" in frontend, "shop-only" in
// bookinfo exported to shop, and "edge" bound to a Gateway whose workload
// is the assumed default ingress in istio-system.
func subsetVisibilityYAML(drSpec string) string {
	return lines(
		"apiVersion: networking.istio.io/v1",
		"kind: DestinationRule",
		"metadata: {name: reviews, namespace: bookinfo}",
		"spec: {host: reviews.bookinfo.svc.cluster.local, subsets: [{name: v1, labels: {version: v1}}]"+drSpec+"}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: local, namespace: bookinfo}",
		"spec: {hosts: [reviews], http: [{route: [{destination: {host: reviews, subset: v1}}]}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: remote, namespace: frontend}",
		"spec: {hosts: [r.example.com], http: [{route: [{destination: {host: reviews.bookinfo.svc.cluster.local, subset: v1}}]}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: shop-only, namespace: bookinfo}",
		"spec: {hosts: [s.example.com], exportTo: [shop], http: [{route: [{destination: {host: reviews, subset: v1}}]}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: Gateway",
		"metadata: {name: web, namespace: bookinfo}",
		"spec: {selector: {istio: ingressgateway}, servers: [{port: {number: 80, name: http, protocol: HTTP}, hosts: ['*']}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: edge, namespace: bookinfo}",
		"spec: {hosts: ['*'], gateways: [web], http: [{route: [{destination: {host: reviews, subset: v1}}]},",
		"  {match: [{gateways: [mesh]}], route: [{destination: {host: reviews, subset: v1}}]}]}",
	)
}

// The subset is defined for a route only where the DestinationRule is
// visible to the proxies that run it; NotExportedTo names where it is not.
func TestRouteSubsetExportTo(t *testing.T) {
	tests := []struct {
		name, drSpec, mesh string
		// hidden from local, remote, shop-only, edge (gateway), edge (mesh match)
		want [5]string
	}{
		{"no exportTo", "", "", [5]string{}},
		{"exported everywhere", ", exportTo: ['*']", "", [5]string{}},
		{"private", ", exportTo: ['.']", "", [5]string{"", "frontend", "shop", "istio-system", ""}},
		{"own namespace by name", ", exportTo: [bookinfo]", "", [5]string{"", "frontend", "shop", "istio-system", ""}},
		{"private and frontend", ", exportTo: ['.', frontend]", "", [5]string{"", "", "shop", "istio-system", ""}},
		{"other namespaces only", ", exportTo: [frontend, shop, istio-system]", "", [5]string{"bookinfo", "", "", "", "bookinfo"}},
		{"workloadSelector", ", exportTo: ['*'], workloadSelector: {matchLabels: {app: reviews}}", "", [5]string{"", "frontend", "shop", "istio-system", ""}},
		{"mesh default private", "", `defaultDestinationRuleExportTo: ["."]`, [5]string{"", "frontend", "shop", "istio-system", ""}},
		{"mesh default other than .", "", `defaultDestinationRuleExportTo: [frontend]`, [5]string{}},
	}
	for _, tt := range tests {
		mc, err := ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte(tt.mesh)})
		if err != nil {
			t.Fatal(err)
		}
		opts := DefaultOptions()
		opts.Mesh = mc
		g := loadYAMLOpts(t, opts, subsetVisibilityYAML(tt.drSpec))
		var got [5]string
		i := 0
		for _, vs := range [][2]string{{"bookinfo", "local"}, {"frontend", "remote"}, {"bookinfo", "shop-only"}, {"bookinfo", "edge"}} {
			for _, e := range g.EdgesFrom(mustGet(t, g, KindVirtualService, vs[0], vs[1]), EdgeRouteSubset) {
				if e.Resolved() == (e.NotExportedTo != "") {
					t.Errorf("%s: %s %s: resolved %v with NotExportedTo %q", tt.name, vs, e.Path, e.Resolved(), e.NotExportedTo)
				}
				got[i] = e.NotExportedTo
				i++
			}
		}
		if got != tt.want {
			t.Errorf("%s: not exported to %q; want %q", tt.name, got, tt.want)
		}
	}
}

// A DestinationRule for a ServiceEntry host defines its subsets for every
// namespace it is visible to, not only its own (regression: the index keyed
// such hosts by the DestinationRule's namespace, so ML1102 reported a
// subset that resolves).
func TestRouteSubsetServiceEntryHostAcrossNamespaces(t *testing.T) {
	for _, tt := range []struct {
		name, exportTo, hidden string
		resolved               bool
	}{
		{"exported everywhere", "", "", true},
		{"private to its namespace", ", exportTo: ['.']", "client", false},
	} {
		g := loadYAML(t, lines(
			"apiVersion: networking.istio.io/v1",
			"kind: DestinationRule",
			"metadata: {name: api, namespace: shared}",
			"spec: {host: api.example.com, subsets: [{name: v1, labels: {version: v1}}]"+tt.exportTo+"}",
			"---",
			"apiVersion: networking.istio.io/v1",
			"kind: VirtualService",
			"metadata: {name: api, namespace: client}",
			"spec: {hosts: [api.example.com], http: [{route: [{destination: {host: api.example.com, subset: v1}}]}]}",
		))
		edges := g.EdgesFrom(mustGet(t, g, KindVirtualService, "client", "api"), EdgeRouteSubset)
		if len(edges) != 1 || edges[0].Resolved() != tt.resolved || edges[0].NotExportedTo != tt.hidden {
			t.Errorf("%s: edges %+v; want resolved %v, hidden from %q", tt.name, edges, tt.resolved, tt.hidden)
		}
	}
}
