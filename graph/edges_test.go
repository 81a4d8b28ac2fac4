package graph

import (
	"fmt"
	"slices"
	"testing"
)

// edgeString renders an edge for comparison: path, reference, target, what
// it resolves to, and External.
func edgeString(e *Edge) string {
	s := fmt.Sprintf("%s %q -> %s %v", e.Path, e.Ref, e.Target, resourceNames(e.To))
	if e.External {
		s += " external"
	}
	return s
}

func edgeStrings(es []*Edge) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, edgeString(e))
	}
	return out
}

func checkEdges(t *testing.T, what string, got []*Edge, want []string) {
	t.Helper()
	gs := edgeStrings(got)
	if !equalStrings(gs, want) {
		t.Errorf("%s edges:", what)
		for i := 0; i < len(gs) || i < len(want); i++ {
			var g, w string
			if i < len(gs) {
				g = gs[i]
			}
			if i < len(want) {
				w = want[i]
			}
			mark := "  "
			if g != w {
				mark = "! "
			}
			t.Errorf("%sgot  %s\n\t\t  want %s", mark, g, w)
		}
	}
}

var routingFixture = lines(
	"apiVersion: networking.istio.io/v1",
	"kind: Gateway",
	"metadata: {name: public-gw, namespace: ingress}",
	"spec: {selector: {istio: ingressgateway}}",
	"---",
	"apiVersion: gateway.networking.k8s.io/v1",
	"kind: Gateway",
	"metadata: {name: public-gw, namespace: ingress}", // same name, Gateway API: the Istio one wins
	"spec: {gatewayClassName: istio}",
	"---",
	"apiVersion: gateway.networking.k8s.io/v1",
	"kind: Gateway",
	"metadata: {name: k8s-gw, namespace: ingress}",
	"spec: {gatewayClassName: istio}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: Gateway",
	"metadata: {name: local-gw, namespace: bookinfo}",
	"spec: {selector: {app: local-gw}}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: reviews, namespace: bookinfo}",
	"spec: {selector: {app: reviews}, ports: [{port: 9080}]}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: ratings, namespace: bookinfo}",
	"spec: {selector: {app: ratings}, ports: [{port: 9080}]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: ext, namespace: egress}",
	"spec: {hosts: [api.example.com], ports: [{number: 443, name: tls, protocol: TLS}]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: DestinationRule",
	"metadata: {name: reviews, namespace: bookinfo}",
	"spec: {host: reviews, subsets: [{name: v1}, {name: v2}]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: DestinationRule",
	"metadata: {name: reviews-fqdn, namespace: bookinfo}",
	"spec: {host: reviews.bookinfo.svc.cluster.local, subsets: [{name: v3}]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: DestinationRule",
	"metadata: {name: ratings-wild, namespace: bookinfo}", // shadowed by the exact hosts for reviews
	"spec: {host: '*.bookinfo.svc.cluster.local', subsets: [{name: v1}]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: DestinationRule",
	"metadata: {name: nowhere, namespace: bookinfo}",
	"spec: {host: nowhere}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: DestinationRule",
	"metadata: {name: partner, namespace: bookinfo}",
	"spec: {host: api.partner.example.com}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: VirtualService",
	"metadata: {name: reviews, namespace: bookinfo}",
	"spec:",
	"  hosts: [reviews]",
	"  gateways:",
	"  - local-gw",
	"  - ingress/public-gw",
	"  - public-gw.ingress.svc.cluster.local",
	"  - mesh",
	"  - ingress/k8s-gw",
	"  - missing-gw",
	"  - istio-system/external-gw",
	"  http:",
	"  - match: [{gateways: [mesh]}, {gateways: [ingress/public-gw]}]",
	"    route:",
	"    - destination: {host: reviews, subset: v1}",
	"    - destination: {host: reviews, subset: v9}",
	"    mirror: {host: ratings}",
	"    mirrors:",
	"    - destination: {host: api.example.com}",
	"    - destination: {host: api.partner.example.com, subset: p1}",
	"  - route:",
	"    - destination: {host: ratings, subset: v1}",
	"  tcp:",
	"  - route: [{destination: {host: db.example.com, port: {number: 5432}}}]",
	"  tls:",
	"  - match: [{sniHosts: [api.example.com]}]",
	"    route: [{destination: {host: api.example.com}}]",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: VirtualService",
	"metadata: {name: cross, namespace: other}",
	"spec:",
	"  hosts: [cross]",
	"  http:",
	"  - route:",
	"    - destination: {host: reviews.bookinfo.svc.cluster.local, subset: v3}",
	"    - destination: {host: reviews, subset: v1}",
)

func routingGraph(t *testing.T) *Graph {
	t.Helper()
	opts := DefaultOptions()
	opts.Externals = Externals{Hosts: []string{"*.partner.example.com"}, Gateways: []string{"istio-system/*"}}
	g := loadYAMLOpts(t, opts, routingFixture)
	noProblems(t, g)
	return g
}

func TestVirtualServiceGatewayEdges(t *testing.T) {
	g := routingGraph(t)
	vs := mustGet(t, g, KindVirtualService, "bookinfo", "reviews")
	checkEdges(t, "gateway", g.EdgesFrom(vs, EdgeGateway), []string{
		`spec.gateways[0] "local-gw" -> bookinfo/local-gw [Gateway bookinfo/local-gw]`,
		`spec.gateways[1] "ingress/public-gw" -> ingress/public-gw [Gateway ingress/public-gw]`,
		`spec.gateways[2] "public-gw.ingress.svc.cluster.local" -> ingress/public-gw [Gateway ingress/public-gw]`,
		`spec.gateways[4] "ingress/k8s-gw" -> ingress/k8s-gw [Gateway ingress/k8s-gw]`,
		`spec.gateways[5] "missing-gw" -> bookinfo/missing-gw []`,
		`spec.gateways[6] "istio-system/external-gw" -> istio-system/external-gw [] external`,
		`spec.http[0].match[1].gateways[0] "ingress/public-gw" -> ingress/public-gw [Gateway ingress/public-gw]`,
	})
	edges := g.EdgesFrom(vs, EdgeGateway)
	if !edges[1].To[0].Is(KindGateway) || !edges[3].To[0].Is(KindK8sGateway) {
		t.Errorf("gateway kinds: %v, %v; want Istio for public-gw, Gateway API for k8s-gw", edges[1].To[0].GroupKind(), edges[3].To[0].GroupKind())
	}
	for i, want := range []bool{true, true, true, true, false, true, true} {
		if edges[i].Resolved() != want {
			t.Errorf("%s: Resolved() = %v", edges[i].Path, edges[i].Resolved())
		}
	}
	// Without the externals declaration, the gateway is just missing.
	g = loadYAML(t, routingFixture)
	vs = mustGet(t, g, KindVirtualService, "bookinfo", "reviews")
	if e := g.EdgesFrom(vs, EdgeGateway)[5]; e.External || e.Resolved() {
		t.Errorf("%s resolved without an externals declaration", edgeString(e))
	}
}

func TestResolveGatewayName(t *testing.T) {
	tests := []struct {
		ref, vsNS, ns, name string
	}{
		{"gw", "bookinfo", "bookinfo", "gw"},
		{"ingress/gw", "bookinfo", "ingress", "gw"},
		{"gw.ingress", "bookinfo", "ingress", "gw"},
		{"gw.ingress.svc.cluster.local", "bookinfo", "ingress", "gw"},
		{"*/gw", "bookinfo", "*", "gw"},
	}
	for _, tt := range tests {
		ns, name := ResolveGatewayName(tt.ref, tt.vsNS)
		if ns != tt.ns || name != tt.name {
			t.Errorf("ResolveGatewayName(%q, %q) = %q, %q; want %q, %q", tt.ref, tt.vsNS, ns, name, tt.ns, tt.name)
		}
	}
}

func TestRouteHostEdges(t *testing.T) {
	g := routingGraph(t)
	vs := mustGet(t, g, KindVirtualService, "bookinfo", "reviews")
	checkEdges(t, "route-host", g.EdgesFrom(vs, EdgeRouteHost), []string{
		`spec.http[0].route[0].destination.host "reviews" -> reviews.bookinfo.svc.cluster.local [Service bookinfo/reviews]`,
		`spec.http[0].route[1].destination.host "reviews" -> reviews.bookinfo.svc.cluster.local [Service bookinfo/reviews]`,
		`spec.http[0].mirror.host "ratings" -> ratings.bookinfo.svc.cluster.local [Service bookinfo/ratings]`,
		`spec.http[0].mirrors[0].destination.host "api.example.com" -> api.example.com [ServiceEntry egress/ext]`,
		`spec.http[0].mirrors[1].destination.host "api.partner.example.com" -> api.partner.example.com [] external`,
		`spec.http[1].route[0].destination.host "ratings" -> ratings.bookinfo.svc.cluster.local [Service bookinfo/ratings]`,
		`spec.tcp[0].route[0].destination.host "db.example.com" -> db.example.com []`,
		`spec.tls[0].route[0].destination.host "api.example.com" -> api.example.com [ServiceEntry egress/ext]`,
	})
	type dest struct {
		Path, Protocol string
		Rule           int
		Mirror         bool
		Host, Subset   string
		Port           uint32
	}
	var got []dest
	for _, e := range g.EdgesFrom(vs, EdgeRouteHost) {
		d := e.Destination
		got = append(got, dest{d.Path, d.Protocol, d.Rule, d.Mirror, d.Host, d.Subset, d.Port})
		if len(e.Hosts) != len(e.To) {
			t.Errorf("%s: %d host entries for %d resources", e.Path, len(e.Hosts), len(e.To))
		}
	}
	want := []dest{
		{"spec.http[0].route[0].destination", "http", 0, false, "reviews", "v1", 0},
		{"spec.http[0].route[1].destination", "http", 0, false, "reviews", "v9", 0},
		{"spec.http[0].mirror", "http", 0, true, "ratings", "", 0},
		{"spec.http[0].mirrors[0].destination", "http", 0, true, "api.example.com", "", 0},
		{"spec.http[0].mirrors[1].destination", "http", 0, true, "api.partner.example.com", "p1", 0},
		{"spec.http[1].route[0].destination", "http", 1, false, "ratings", "v1", 0},
		{"spec.tcp[0].route[0].destination", "tcp", 0, false, "db.example.com", "", 5432},
		{"spec.tls[0].route[0].destination", "tls", 0, false, "api.example.com", "", 0},
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("destinations\n got %v\nwant %v", got, want)
	}
	// Every destination path exists in the document.
	for _, d := range got {
		if _, _, ok := vs.Doc.Lookup(d.Path + ".host"); !ok {
			t.Errorf("%s.host does not exist in the document", d.Path)
		}
	}
}

func TestRouteSubsetEdges(t *testing.T) {
	g := routingGraph(t)
	vs := mustGet(t, g, KindVirtualService, "bookinfo", "reviews")
	subsetEdges := g.EdgesFrom(vs, EdgeRouteSubset)
	checkEdges(t, "route-subset", subsetEdges, []string{
		`spec.http[0].route[0].destination.subset "v1" -> reviews.bookinfo.svc.cluster.local/v1 [DestinationRule bookinfo/reviews]`,
		`spec.http[0].route[1].destination.subset "v9" -> reviews.bookinfo.svc.cluster.local/v9 []`,
		`spec.http[0].mirrors[1].destination.subset "p1" -> api.partner.example.com/p1 []`,
		`spec.http[1].route[0].destination.subset "v1" -> ratings.bookinfo.svc.cluster.local/v1 [DestinationRule bookinfo/ratings-wild]`,
	})
	candidates := [][]string{
		{"DestinationRule bookinfo/reviews-fqdn"},
		{"DestinationRule bookinfo/reviews", "DestinationRule bookinfo/reviews-fqdn"},
		{"DestinationRule bookinfo/partner"},
		{},
	}
	for i, e := range subsetEdges {
		if got := resourceNames(e.Candidates); !equalStrings(got, candidates[i]) {
			t.Errorf("%s: candidates %v; want %v", e.Path, got, candidates[i])
		}
		if e.Destination == nil || e.Destination.Path+".subset" != e.Path {
			t.Errorf("%s: destination %+v", e.Path, e.Destination)
		}
	}
	// From another namespace: a Service FQDN reaches the Service's
	// namespace; a short name is relative to the VirtualService.
	cross := mustGet(t, g, KindVirtualService, "other", "cross")
	checkEdges(t, "cross-namespace route-subset", g.EdgesFrom(cross, EdgeRouteSubset), []string{
		`spec.http[0].route[0].destination.subset "v3" -> reviews.bookinfo.svc.cluster.local/v3 [DestinationRule bookinfo/reviews-fqdn]`,
		`spec.http[0].route[1].destination.subset "v1" -> reviews.other.svc.cluster.local/v1 []`,
	})
	dr := mustGet(t, g, KindDestinationRule, "bookinfo", "reviews")
	if !DefinesSubset(dr, "v2") || DefinesSubset(dr, "v3") || !equalStrings(SubsetNames(dr), []string{"v1", "v2"}) {
		t.Errorf("DefinesSubset/SubsetNames wrong for %v", SubsetNames(dr))
	}
}

func TestDestinationRuleHostEdges(t *testing.T) {
	g := routingGraph(t)
	checkEdges(t, "destinationrule-host", g.Edges(EdgeDestinationRuleHost), []string{
		`spec.host "reviews" -> reviews.bookinfo.svc.cluster.local [Service bookinfo/reviews]`,
		`spec.host "reviews.bookinfo.svc.cluster.local" -> reviews.bookinfo.svc.cluster.local [Service bookinfo/reviews]`,
		`spec.host "*.bookinfo.svc.cluster.local" -> *.bookinfo.svc.cluster.local []`,
		`spec.host "nowhere" -> nowhere.bookinfo.svc.cluster.local []`,
		`spec.host "api.partner.example.com" -> api.partner.example.com [] external`,
	})
	// The DestinationRule's own exportTo decides which private scopes it sees.
	text := lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: private, namespace: a, annotations: {networking.istio.io/exportTo: '.'}}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: DestinationRule",
		"metadata: {name: sees, namespace: a}",
		"spec: {host: private}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: DestinationRule",
		"metadata: {name: blind, namespace: a}",
		"spec: {host: private, exportTo: [b]}",
	)
	g = loadYAML(t, text)
	checkEdges(t, "exportTo destinationrule-host", g.Edges(EdgeDestinationRuleHost), []string{
		`spec.host "private" -> private.a.svc.cluster.local [Service a/private]`,
		`spec.host "private" -> private.a.svc.cluster.local []`,
	})
}

var workloadFixture = lines(
	"apiVersion: networking.istio.io/v1",
	"kind: Gateway",
	"metadata: {name: ingress, namespace: istio-system}",
	"spec: {selector: {istio: ingressgateway}}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: Gateway",
	"metadata: {name: unmatched, namespace: apps}",
	"spec: {selector: {istio: nothing-runs-this}}",
	"---",
	"apiVersion: apps/v1",
	"kind: Deployment",
	"metadata: {name: gw-deploy, namespace: gw1, labels: {istio: not-the-template}}",
	"spec: {template: {metadata: {labels: {istio: ingressgateway}}}}",
	"---",
	"apiVersion: apps/v1",
	"kind: StatefulSet",
	"metadata: {name: gw-sts, namespace: gw2}",
	"spec: {template: {metadata: {labels: {istio: ingressgateway, extra: x}}}}",
	"---",
	"apiVersion: apps/v1",
	"kind: DaemonSet",
	"metadata: {name: gw-ds, namespace: gw3}",
	"spec: {template: {metadata: {labels: {istio: ingressgateway}}}}",
	"---",
	"apiVersion: batch/v1",
	"kind: CronJob",
	"metadata: {name: gw-cron, namespace: gw4}",
	"spec: {jobTemplate: {spec: {template: {metadata: {labels: {istio: ingressgateway}}}}}}",
	"---",
	"apiVersion: v1",
	"kind: Pod",
	"metadata: {name: gw-pod, namespace: gw5, labels: {istio: ingressgateway}}",
	"---",
	"apiVersion: apps/v1",
	"kind: Deployment",
	"metadata: {name: not-a-gateway, namespace: gw1, labels: {istio: ingressgateway}}",
	"spec: {template: {metadata: {labels: {app: web}}}}",
	"---",
	"apiVersion: v1",
	"kind: Namespace",
	"metadata: {name: apps}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: web, namespace: apps}",
	"spec: {selector: {app: web}}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: nothing, namespace: apps}",
	"spec: {selector: {app: none}}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: no-selector, namespace: apps}",
	"spec: {ports: [{port: 80}]}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: empty-selector, namespace: apps}",
	"spec: {selector: {}}",
	"---",
	"apiVersion: apps/v1",
	"kind: Deployment",
	"metadata: {name: web, namespace: apps}",
	"spec: {template: {metadata: {labels: {app: web, version: v1}}}}",
	"---",
	"apiVersion: v1",
	"kind: Pod",
	"metadata: {name: web-pod, namespace: apps, labels: {app: web}}",
	"---",
	"apiVersion: v1",
	"kind: Pod",
	"metadata: {name: web-elsewhere, namespace: other, labels: {app: web}}",
)

func TestGatewayWorkloadEdges(t *testing.T) {
	gateways := []string{"gw1/gw-deploy", "gw2/gw-sts", "gw3/gw-ds", "gw4/gw-cron", "gw5/gw-pod"}
	tests := []struct {
		assume bool
		want   []string
	}{
		{true, append(append([]string{}, gateways...), "istio-system/istio-ingressgateway (implied)")},
		{false, gateways},
	}
	for _, tt := range tests {
		opts := DefaultOptions()
		opts.AssumeDefaultIngress = tt.assume
		g := loadYAMLOpts(t, opts, workloadFixture)
		noProblems(t, g)
		gw := mustGet(t, g, KindGateway, "istio-system", "ingress")
		es := g.EdgesFrom(gw, EdgeGatewayWorkload)
		if len(es) != 1 {
			t.Fatalf("assume=%v: %d gateway-workload edges", tt.assume, len(es))
		}
		e := es[0]
		if e.Path != "spec.selector" || e.Target != "istio=ingressgateway" || !e.Resolved() {
			t.Errorf("assume=%v: edge %+v", tt.assume, e)
		}
		want := append([]string{}, tt.want...)
		if got := workloadNames(e.Workloads); !equalStrings(got, sortedCopy(want)) {
			t.Errorf("assume=%v: workloads %v; want %v", tt.assume, got, sortedCopy(want))
		}
		if tt.assume {
			ws := g.Workloads()
			ingress, egress := ws[len(ws)-2], ws[len(ws)-1]
			if !ingress.Implied() || ingress.String() != "Deployment istio-system/istio-ingressgateway (implied: created by a default Istio install)" || !egress.Implied() {
				t.Errorf("implied workloads are not last: %v, %v", ingress, egress)
			}
		}
		un := g.EdgesFrom(mustGet(t, g, KindGateway, "apps", "unmatched"), EdgeGatewayWorkload)
		if len(un) != 1 || len(un[0].Workloads) != 0 || un[0].Resolved() {
			t.Errorf("assume=%v: unmatched gateway edges %v", tt.assume, edgeStrings(un))
		}
	}
}

func sortedCopy(s []string) []string {
	out := append([]string{}, s...)
	for i := range out {
		for j := i + 1; j < len(out); j++ {
			if out[j] < out[i] {
				out[i], out[j] = out[j], out[i]
			}
		}
	}
	return out
}

func TestServiceWorkloadEdges(t *testing.T) {
	opts := DefaultOptions()
	opts.AssumeDefaultIngress = false
	g := loadYAMLOpts(t, opts, workloadFixture)
	tests := []struct {
		name   string
		edges  int
		target string
		want   []string
	}{
		{"web", 1, "app=web", []string{"apps/web", "apps/web-pod"}}, // not other/web-elsewhere
		{"nothing", 1, "app=none", []string{}},
		{"no-selector", 0, "", nil},
		{"empty-selector", 0, "", nil},
	}
	for _, tt := range tests {
		svc := mustGet(t, g, KindService, "apps", tt.name)
		es := g.EdgesFrom(svc, EdgeServiceWorkload)
		if len(es) != tt.edges {
			t.Errorf("%s: %d edges; want %d", tt.name, len(es), tt.edges)
			continue
		}
		if tt.edges == 0 {
			continue
		}
		if es[0].Target != tt.target || es[0].Path != "spec.selector" {
			t.Errorf("%s: target %q path %q", tt.name, es[0].Target, es[0].Path)
		}
		if got := workloadNames(es[0].Workloads); !equalStrings(got, tt.want) {
			t.Errorf("%s: workloads %v; want %v", tt.name, got, tt.want)
		}
		if es[0].Resolved() != (len(tt.want) > 0) {
			t.Errorf("%s: Resolved() = %v", tt.name, es[0].Resolved())
		}
	}
}

func TestWorkloadNamespaceEdges(t *testing.T) {
	opts := DefaultOptions()
	opts.AssumeDefaultIngress = false
	g := loadYAMLOpts(t, opts, workloadFixture)
	checkEdges(t, "workload-namespace", g.Edges(EdgeWorkloadNamespace), []string{
		`metadata.namespace "gw1" -> gw1 []`,
		`metadata.namespace "gw2" -> gw2 []`,
		`metadata.namespace "gw3" -> gw3 []`,
		`metadata.namespace "gw4" -> gw4 []`,
		`metadata.namespace "gw5" -> gw5 []`,
		`metadata.namespace "gw1" -> gw1 []`,
		`metadata.namespace "apps" -> apps [Namespace apps]`,
		`metadata.namespace "apps" -> apps [Namespace apps]`,
		`metadata.namespace "other" -> other []`,
	})
	var from []string
	for _, e := range g.Edges(EdgeWorkloadNamespace) {
		from = append(from, e.From.String())
	}
	want := []string{"Deployment gw1/gw-deploy", "StatefulSet gw2/gw-sts", "DaemonSet gw3/gw-ds", "CronJob gw4/gw-cron",
		"Pod gw5/gw-pod", "Deployment gw1/not-a-gateway", "Deployment apps/web", "Pod apps/web-pod", "Pod other/web-elsewhere"}
	if !equalStrings(from, want) {
		t.Errorf("edges from %v; want %v", from, want)
	}
}

func TestEdgesFromOtherKinds(t *testing.T) {
	g := routingGraph(t)
	svc := mustGet(t, g, KindService, "bookinfo", "reviews")
	if es := g.EdgesFrom(svc, EdgeGateway); len(es) != 0 {
		t.Errorf("a Service has gateway edges: %v", edgeStrings(es))
	}
	// Edges(kind) is the union of EdgesFrom(r, kind) in resource order.
	var union []*Edge
	for _, r := range g.Resources {
		union = append(union, g.EdgesFrom(r, EdgeRouteHost)...)
	}
	if !equalStrings(edgeStrings(union), edgeStrings(g.Edges(EdgeRouteHost))) || len(union) != 10 {
		t.Errorf("Edges(route-host) = %v; EdgesFrom union = %v", edgeStrings(g.Edges(EdgeRouteHost)), edgeStrings(union))
	}
}

// TestHostResourcesOnceInOrder: few or many entries, each resource once,
// in the order of its first entry.
func TestHostResourcesOnceInOrder(t *testing.T) {
	for _, n := range []int{1, 7, 8, 9, 30} {
		rs := make([]*Resource, n)
		var hosts []*HostEntry
		for i := range rs {
			rs[i] = &Resource{Name: fmt.Sprint(i)}
			hosts = append(hosts, &HostEntry{Resource: rs[i]}, &HostEntry{Resource: rs[i/2]})
		}
		if got := hostResources(hosts); !slices.Equal(got, rs) {
			t.Errorf("%d resources: got %d, want each once in order", n, len(got))
		}
	}
}

// TestEdgesByKindInOrder: the index by kind lists each kind's edges in
// the order of all edges, and a caller changing its copy changes nothing.
func TestEdgesByKindInOrder(t *testing.T) {
	g := routingGraph(t)
	kinds := map[EdgeKind]bool{}
	for _, e := range g.AllEdges() {
		kinds[e.Kind] = true
	}
	if len(kinds) < 3 {
		t.Fatalf("only %d edge kinds in the fixture", len(kinds))
	}
	for kind := range kinds {
		var want []*Edge
		for _, e := range g.AllEdges() {
			if e.Kind == kind {
				want = append(want, e)
			}
		}
		got := g.Edges(kind)
		if !slices.Equal(got, want) {
			t.Errorf("%s: %d edges, want %d in order", kind, len(got), len(want))
		}
		got[0] = nil
		if g.Edges(kind)[0] == nil {
			t.Errorf("%s: Edges returns the index itself", kind)
		}
	}
}
