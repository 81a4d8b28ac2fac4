# METADATA
# title: an HTTP route to a mesh-external ServiceEntry host has no timeout, so a slow external service holds requests until the client gives up
# description: |
#   Istio sets no timeout on HTTP routes unless the VirtualService route says `timeout`: the
#   proxy waits for the upstream for as long as the client keeps the request open. For a service
#   outside the mesh (a ServiceEntry host with `location: MESH_EXTERNAL`, the default location),
#   that means a slow or hung third-party API holds every request, and the connection and worker
#   behind it, until the caller itself gives up. An explicit `timeout` on the route bounds the wait
#   and turns a hang into a fast 504 the caller can handle.
#
#   The policy follows the route destinations to the ServiceEntries that provide their hosts
#   and reports HTTP routes (at the route) with no `timeout` when one of them is a
#   `MESH_EXTERNAL` ServiceEntry. ServiceEntries that select workloads (`workloadSelector`) run
#   inside the mesh and are not considered; neither are TCP and TLS routes, which have no
#   request timeout, nor mirrors. It is advice (info): the right timeout depends on the service.
#
#   ### Bad
#   ```yaml
#   apiVersion: networking.istio.io/v1
#   kind: ServiceEntry
#   metadata: {name: payments-api, namespace: shop}
#   spec:
#     hosts: [api.payments.example.com]
#     location: MESH_EXTERNAL
#     ports: [{number: 80, name: http, protocol: HTTP}]
#     resolution: DNS
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: payments-api, namespace: shop}
#   spec:
#     hosts: [api.payments.example.com]
#     http:
#     - route:
#       - destination: {host: api.payments.example.com}
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: networking.istio.io/v1
#   kind: ServiceEntry
#   metadata: {name: payments-api, namespace: shop}
#   spec:
#     hosts: [api.payments.example.com]
#     location: MESH_EXTERNAL
#     ports: [{number: 80, name: http, protocol: HTTP}]
#     resolution: DNS
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: payments-api, namespace: shop}
#   spec:
#     hosts: [api.payments.example.com]
#     http:
#     - timeout: 5s
#       route:
#       - destination: {host: api.payments.example.com}
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/tasks/traffic-management/request-timeouts/
#   description: Request timeouts
# - ref: https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRoute
#   description: HTTPRoute timeout
# custom:
#   id: ML2101
#   inputs: [networking.istio.io/VirtualService, networking.istio.io/ServiceEntry]
#   fields: [kind, metadata.name, spec.location, spec.workloadSelector, "spec.http[].timeout", "meshlint.edges[].kind", "meshlint.edges[].path", "meshlint.edges[].target", "meshlint.edges[].to"]
#   name: external-route-without-timeout
#   severity: info
package meshlint.routing.external_route_without_timeout

import rego.v1

# external are the ids of the ServiceEntries in the input that describe
# services outside the mesh (MESH_EXTERNAL is the default location).
# (A complete rule, computed once: looked up per route, a partial set
# would be evaluated again for each lookup.)
external := {se.meshlint.id |
	some se in input.resources
	se.kind == "ServiceEntry"
	object.get(se, ["spec", "location"], "MESH_EXTERNAL") == "MESH_EXTERNAL"
	not se.spec.workloadSelector
}

# external_routes are [VirtualService id, HTTP route index, host] for each
# route destination that reaches an external ServiceEntry: one pass over
# the route edges, which most VirtualServices leave at the first test.
external_routes := {[vs.meshlint.id, i, e.target] |
	some vs in input.resources
	vs.kind == "VirtualService"
	some e in vs.meshlint.edges
	e.kind == "route-host"
	some id in e.to
	id in external
	i := http_route(e.path)
}

# http_route is the index of the HTTP route whose route destinations
# (not its mirrors) a path is in: 2 for spec.http[2].route[0].destination.host.
http_route(path) := to_number(substring(rest, 0, end)) if {
	rest := trim_prefix(path, "spec.http[")
	rest != path
	end := indexof(rest, "]")
	substring(rest, end, 8) == "].route["
}

routing_external := {id | some [id, _, _] in external_routes}

warn contains {
	"msg": sprintf("HTTP route %d of VirtualService %s sends requests to %s, a service outside the mesh, without a timeout: Istio sets none by default, so a slow or hung external service holds each request until the client gives up; set timeout on the route (e.g. timeout: 5s)", [i, vs.metadata.name, host]),
	"resource": vs,
	"path": sprintf("spec.http[%d]", [i]),
} if {
	some vs in input.resources
	vs.meshlint.id in routing_external
	some [vs.meshlint.id, i, _] in external_routes
	not vs.spec.http[i].timeout
	host := concat(", ", sort({h | some [vs.meshlint.id, i, h] in external_routes}))
}
