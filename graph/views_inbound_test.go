package graph

import "testing"

func TestInboundConflicts(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: web, namespace: shop, labels: {app: web}}",
		"spec: {containers: [{name: web, image: web}]}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: a, namespace: shop}",
		"spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}, {name: tcp, port: 81, targetPort: 8081}, {name: x, port: 82}]}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: b, namespace: shop}",
		"spec: {selector: {app: web}, ports: [{name: tcp, port: 8080}, {name: tcp-b, port: 81, targetPort: 8081}, {name: http, port: 82}]}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: c, namespace: other}",
		"spec: {selector: {app: web}, ports: [{name: udp, port: 8081, protocol: UDP}]}",
	))
	pod := g.Get(Key{KindPod, "shop", "web"})
	cs := g.InboundConflicts(pod)
	if len(cs) != 1 {
		t.Fatalf("got %d conflicts (%+v); want 1: 8080 (http from a:80, tcp from b:8080); 8081 agrees, 82 is sniffed in a, c is in another namespace", len(cs), cs)
	}
	c := cs[0]
	if c.TargetPort != "8080" || len(c.Ports) != 2 || c.SamePortNumber() || c.Ports[0].Service.Name != "a" || c.Ports[0].Path() != "spec.ports[0].name" {
		t.Errorf("conflict = %+v", c)
	}
}
