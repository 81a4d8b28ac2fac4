package graph

import (
	"reflect"
	"testing"
)

func TestResourceObjectAndMetadata(t *testing.T) {
	text := lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: web",
		"  labels: {app: web, version: 2, canary: true, empty: null}",
		"  annotations: {n: 1.5}",
		"spec:",
		"  selector: {app: web}",
		"  ports:",
		"  - {name: http, port: 80, targetPort: 8080, protocol: TCP, appProtocol: http}",
		"  - {port: '443', targetPort: https}",
		"  type: ClusterIP",
	)
	g := loadYAML(t, text)
	noProblems(t, g)
	r := mustGet(t, g, KindService, "default", "web")
	if want := map[string]string{"app": "web", "version": "2", "canary": "true", "empty": ""}; !reflect.DeepEqual(r.Labels, want) {
		t.Errorf("labels %v; want %v", r.Labels, want)
	}
	if r.Annotations["n"] != "1.5" {
		t.Errorf("annotations %v", r.Annotations)
	}
	if r.APIVersion != "v1" || r.Group != "" || r.Version != "v1" || r.NamespacedName() != "default/web" {
		t.Errorf("identity %+v", r)
	}
	want := &ServiceSpec{Type: "ClusterIP", Selector: map[string]string{"app": "web"}, Ports: []ServicePort{
		{Name: "http", Port: 80, TargetPort: "8080", Protocol: "TCP", AppProtocol: "http"},
		{Port: 443, TargetPort: "https"},
	}}
	if !reflect.DeepEqual(r.Service, want) {
		t.Errorf("service %+v; want %+v", r.Service, want)
	}
	vs := loadYAML(t, "apiVersion: networking.istio.io/v1beta1\nkind: VirtualService\nmetadata: {name: v}\n")
	v := mustGet(t, vs, KindVirtualService, "default", "v")
	if v.Group != GroupNetworking || v.Version != "v1beta1" || v.VirtualService() == nil || v.DestinationRule() != nil {
		t.Errorf("VirtualService without spec: group %q version %q spec %v", v.Group, v.Version, v.Spec)
	}
}

// TestResourceHasNull: schema validation prunes nulls only from objects
// that hold one, so HasNull must see every kind of null, aliases included.
func TestResourceHasNull(t *testing.T) {
	tests := []struct {
		name, extra string
		want        bool
	}{
		{"none", "  labels: {a: b}\n", false},
		{"explicit", "  labels: {a: null}\n", true},
		{"tilde", "  labels: {a: ~}\n", true},
		{"empty value", "  labels:\n", true},
		{"in a list", "  finalizers: [a, null]\n", true},
		{"through an alias", "  labels: &n {a: null}\n  annotations: *n\n", true},
		{"the string null", "  labels: {a: \"null\"}\n", false},
	}
	for _, tt := range tests {
		g := loadYAML(t, "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: c\n"+tt.extra)
		if len(g.Resources) != 1 {
			t.Fatalf("%s: %d resources", tt.name, len(g.Resources))
		}
		if got := g.Resources[0].HasNull; got != tt.want {
			t.Errorf("%s: HasNull = %v; want %v", tt.name, got, tt.want)
		}
	}
}

// TestResourceHasAgreesWithLookup: Has reads the object, Lookup the tree;
// rules use Has so that clean documents are never parsed again.
func TestResourceHasAgreesWithLookup(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: r, labels: {a.b/c: x}}",
		"spec:",
		"  hosts: [r]",
		"  gateways:",
		"  http:",
		"  - route: [{destination: {host: r}}]",
	))
	r := mustGet(t, g, KindVirtualService, "default", "r")
	for _, path := range []string{"spec.hosts", "spec.hosts[0]", "spec.hosts[1]", "spec.gateways", "spec.tcp",
		"spec.http[0].route[0].destination.host", "spec.http[0].route[0].destination.port", `metadata.labels["a.b/c"]`, "spec.hosts.x", "["} {
		_, _, want := r.Doc.Lookup(path)
		if got := r.Has(path); got != want {
			t.Errorf("Has(%q) = %v; Lookup finds it: %v", path, got, want)
		}
	}
}
