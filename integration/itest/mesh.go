package itest

// A small mesh for the suites: a Service r, a DestinationRule for it
// with one subset, a VirtualService routing to subset v1, and an old
// mistake (a route to a host that does not exist).
const (
	Service = "apiVersion: v1\nkind: Service\nmetadata: {name: r, namespace: web}\nspec:\n  ports: [{name: http, port: 80}]\n"
	Route   = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: r, namespace: web}\n" +
		"spec:\n  hosts: [r]\n  http:\n  - route:\n    - destination: {host: r, subset: v1}\n"
	OldMistake = "apiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: o, namespace: web}\n" +
		"spec:\n  hosts: [o]\n  http:\n  - route:\n    - destination: {host: nowhere}\n"
)

// DestinationRule is r's DestinationRule with the one subset named.
func DestinationRule(subset string) string {
	return "apiVersion: networking.istio.io/v1\nkind: DestinationRule\nmetadata: {name: r, namespace: web}\n" +
		"spec:\n  host: r\n  subsets:\n  - {name: " + subset + ", labels: {version: " + subset + "}}\n"
}
