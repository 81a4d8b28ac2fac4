# METADATA
# title: a VirtualService with host * on a Gateway shares a server host with another VirtualService, so which one answers depends on creation order
# description: |
#   On a Gateway, a VirtualService's hosts are intersected with each server's hosts, and every
#   resulting host becomes an Envoy virtual host. A VirtualService with host `*` matches all of
#   them: where a server lists `shop.example.com`, the `*` VirtualService contributes routes to
#   the `shop.example.com` virtual host. When another VirtualService bound to the same Gateway
#   also has host `shop.example.com`, Istio does not pick one of them: it appends the routes of
#   both to that virtual host, oldest VirtualService first. The `*` VirtualService's routes
#   (often a catch-all `/`) then answer for `shop.example.com` if it was created first, and are
#   never reached if it was created later: the behaviour changes when one of them is re-created.
#
#   List the hosts the VirtualService is meant to serve instead of `*`, or bind it to a server
#   whose hosts no other VirtualService serves. The policy reports the `*` host when another
#   VirtualService bound to the same Gateway names exactly one of the hosts of a server both
#   can see (a server host with `ns/` qualifies only VirtualServices of that namespace). It
#   does not report a `*` VirtualService alone on its Gateway, nor one on a server with host
#   `*`: there the other VirtualServices' hosts get their own virtual hosts, which Envoy
#   prefers to `*`. Wildcard hosts that cover a server host also collide but are not
#   reported (the policy compares names, it does not match wildcards).
#
#   ### Bad
#   ```yaml
#   apiVersion: v1
#   kind: Service
#   metadata: {name: frontend, namespace: shop}
#   spec:
#     selector: {app: frontend}
#     ports: [{name: http, port: 80}]
#   ---
#   apiVersion: v1
#   kind: Service
#   metadata: {name: docs, namespace: shop}
#   spec:
#     selector: {app: docs}
#     ports: [{name: http, port: 80}]
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: Gateway
#   metadata: {name: web, namespace: shop}
#   spec:
#     selector: {istio: ingressgateway}
#     servers:
#     - port: {number: 80, name: http, protocol: HTTP}
#       hosts: [shop.example.com, docs.example.com]
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: catch-all, namespace: shop}
#   spec:
#     hosts: ["*"]
#     gateways: [web]
#     http:
#     - route:
#       - destination: {host: docs}
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: shop, namespace: shop}
#   spec:
#     hosts: [shop.example.com]
#     gateways: [web]
#     http:
#     - route:
#       - destination: {host: frontend}
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: v1
#   kind: Service
#   metadata: {name: frontend, namespace: shop}
#   spec:
#     selector: {app: frontend}
#     ports: [{name: http, port: 80}]
#   ---
#   apiVersion: v1
#   kind: Service
#   metadata: {name: docs, namespace: shop}
#   spec:
#     selector: {app: docs}
#     ports: [{name: http, port: 80}]
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: Gateway
#   metadata: {name: web, namespace: shop}
#   spec:
#     selector: {istio: ingressgateway}
#     servers:
#     - port: {number: 80, name: http, protocol: HTTP}
#       hosts: [shop.example.com, docs.example.com]
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: docs, namespace: shop}
#   spec:
#     hosts: [docs.example.com]
#     gateways: [web]
#     http:
#     - route:
#       - destination: {host: docs}
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: VirtualService
#   metadata: {name: shop, namespace: shop}
#   spec:
#     hosts: [shop.example.com]
#     gateways: [web]
#     http:
#     - route:
#       - destination: {host: frontend}
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/reference/config/networking/virtual-service/#VirtualService
#   description: VirtualService hosts and gateways
# - ref: https://istio.io/latest/docs/ops/best-practices/traffic-management/#split-virtual-services
#   description: Splitting and merging VirtualServices on a gateway
# custom:
#   id: ML2104
#   inputs: [networking.istio.io/VirtualService, networking.istio.io/Gateway]
#   fields: [kind, metadata.name, metadata.namespace, spec.hosts, "spec.http[]{}", "spec.servers[].hosts"]
#   name: gateway-virtualservice-wildcard-host
#   severity: warning
package meshlint.routing.gateway_virtualservice_wildcard_host

import rego.v1

# http_vs is true for a VirtualService with HTTP routes.
http_vs(vs) if {
	vs.kind == "VirtualService"
	count(object.get(vs, ["spec", "http"], [])) > 0
}

gateways := {gw.meshlint.id: gw |
	some gw in input.resources
	gw.kind == "Gateway"
}

# server_hosts are the hosts of gateway gw's servers that a VirtualService
# in namespace ns sees: "ns/host", "./host" (the gateway's namespace),
# "*/host" and "host".
server_hosts(gw, ns) := {name |
	some server in object.get(gw, ["spec", "servers"], [])
	some h in object.get(server, ["hosts"], [])
	name := visible(h, gw.metadata.namespace, ns)
}

visible(h, _, _) := h if not contains(h, "/")

visible(h, _, ns) := name if {
	[prefix, name] := split(h, "/")
	prefix in {"*", ns}
}

visible(h, gwns, ns) := name if {
	[".", name] = split(h, "/")
	gwns == ns
}

# collisions are the server hosts of star's gateways that other
# VirtualServices bound to the same gateway serve, as "host (gateway
# name, VirtualService name)".
collisions(star) := {sprintf("%s (Gateway %s, VirtualService %s)", [host, gw.metadata.name, other.metadata.name]) |
	some gid in object.get(data.meshlint.gateways, star.meshlint.id, [])
	gw := gateways[gid]
	some other in input.resources
	http_vs(other)
	other.meshlint.id != star.meshlint.id
	gid in object.get(data.meshlint.gateways, other.meshlint.id, [])
	some host in other.spec.hosts
	host != "*"
	host in server_hosts(gw, star.metadata.namespace)
	host in server_hosts(gw, other.metadata.namespace)
}

warn contains {
	"msg": sprintf("VirtualService %s has host *, which also takes server hosts other VirtualServices on its Gateway serve: %s; for each such host Istio merges the routes of both VirtualServices into one virtual host, oldest first, so which one answers depends on creation order; list the hosts %s is meant to serve instead of *", [star.metadata.name, concat(", ", sort(found)), star.metadata.name]),
	"resource": star,
	"path": sprintf("spec.hosts[%d]", [j]),
} if {
	some star in input.resources
	some j, h in star.spec.hosts
	h == "*"
	http_vs(star)
	found := collisions(star)
	count(found) > 0
}
