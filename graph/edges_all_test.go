package graph

import "testing"

// AllEdges holds every edge of every kind once, in the order Edges(kind)
// lists each kind's.
func TestAllEdgesIsEveryKind(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: r, namespace: web}",
		"spec: {selector: {app: r}, ports: [{port: 80}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: r, namespace: web}",
		"spec: {hosts: [r], gateways: [gw], http: [{route: [{destination: {host: r, subset: v1}}]}]}",
	))
	byKind := map[EdgeKind][]*Edge{}
	for _, e := range g.AllEdges() {
		byKind[e.Kind] = append(byKind[e.Kind], e)
	}
	for _, kind := range []EdgeKind{EdgeGateway, EdgeRouteHost, EdgeRouteSubset, EdgeServiceWorkload, EdgeGatewayWorkload} {
		want := g.Edges(kind)
		if len(byKind[kind]) != len(want) {
			t.Errorf("%s: %d edges in AllEdges, %d in Edges", kind, len(byKind[kind]), len(want))
		}
		for i := range want {
			if i < len(byKind[kind]) && byKind[kind][i] != want[i] {
				t.Errorf("%s: edge %d differs", kind, i)
			}
		}
	}
	if len(byKind[EdgeRouteSubset]) != 1 || len(byKind[EdgeGateway]) != 1 {
		t.Errorf("the fixture's route-subset and gateway edges are missing: %v", byKind)
	}
}
