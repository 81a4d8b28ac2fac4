package graph

import (
	"reflect"
	"testing"
)

// A built graph lists a VirtualService's destinations once, as
// VirtualServiceDestinations lists them, and hands out that list.
func TestDestinationsListedOnce(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: reviews, namespace: shop}",
		"spec:",
		"  hosts: [reviews]",
		"  http:",
		"  - mirror: {host: reviews-shadow}",
		"    route:",
		"    - destination: {host: reviews, subset: v1, port: {number: 9080}}",
		"      weight: 90",
		"    - destination: {host: reviews, subset: v2}",
		"      weight: 10",
		"  tcp:",
		"  - route: [{destination: {host: reviews, port: {number: 9090}}}]",
	))
	vs := g.All()[0]
	got := vs.Destinations()
	want := VirtualServiceDestinations(vs.VirtualService())
	if len(got) != 4 || !reflect.DeepEqual(got, want) {
		t.Fatalf("Destinations() = %+v\nwant %+v", got, want)
	}
	if again := vs.Destinations(); &again[0] != &got[0] {
		t.Errorf("Destinations() listed them again instead of handing out the list")
	}
}
