# METADATA
# title: a route's retries have no perTryTimeout, so a hung try uses up the whole route timeout and is never retried
# description: |
#   A retry policy (`retries` with `attempts` above 0) retries a try that fails. A try that does
#   not fail but hangs is only cut short by a per-try timeout: without `perTryTimeout`, Istio sets
#   none, Envoy lets each try run as long as the route's `timeout`, and when the route has no
#   `timeout` (Istio's default) as long as the client waits. A slow backend instance then takes the
#   whole request time and the retries never happen, which is usually what the retry policy was
#   written for. Set `perTryTimeout` shorter than the route's `timeout`, leaving room for the
#   attempts.
#
#   Routes without `retries` use Istio's default policy (2 retries on connection failures and
#   similar errors, no per-try timeout) and are not reported, nor are `attempts: 0` (retries off)
#   and retries whose `perTryTimeout` is set. A `perTryTimeout` that is not shorter than the route
#   timeout is ML2006's finding.
#
#   ### Bad
#   ```yaml
#   apiVersion: v1
#   kind: Service
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     selector: {app: ratings}
#     ports: [{name: http, port: 9080}]
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     hosts: [ratings]
#     http:
#     - timeout: 10s
#       retries:
#         attempts: 3
#       route:
#       - destination: {host: ratings}
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: v1
#   kind: Service
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     selector: {app: ratings}
#     ports: [{name: http, port: 9080}]
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     hosts: [ratings]
#     http:
#     - timeout: 10s
#       retries:
#         attempts: 3
#         perTryTimeout: 3s
#       route:
#       - destination: {host: ratings}
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/reference/config/networking/virtual-service/#HTTPRetry
#   description: HTTPRetry reference
# - ref: https://istio.io/latest/docs/concepts/traffic-management/#retries
#   description: Retries
# custom:
#   id: ML2102
#   inputs: [networking.istio.io/VirtualService]
#   fields: [kind, metadata.name, "spec.http[].retries", "spec.http[].timeout"]
#   name: retries-without-per-try-timeout
#   severity: info
package meshlint.routing.retries_without_per_try_timeout

import rego.v1

warn contains {
	"msg": sprintf("HTTP route %d of VirtualService %s retries %v times but has no perTryTimeout: %s, and a try that hangs is never retried; set retries.perTryTimeout shorter than the route's timeout", [i, vs.metadata.name, retries.attempts, consequence(route)]),
	"resource": vs,
	"path": sprintf("spec.http[%d].retries", [i]),
} if {
	some vs in input.resources
	vs.kind == "VirtualService"
	some i, route in object.get(vs, ["spec", "http"], [])
	retries := route.retries
	is_number(retries.attempts)
	retries.attempts > 0
	not retries.perTryTimeout
}

consequence(route) := sprintf("each try may run for the whole route timeout %s", [route.timeout]) if route.timeout

else := "the route has no timeout either, so each try may run as long as the client waits"
