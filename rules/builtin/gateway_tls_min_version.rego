# METADATA
# title: a Gateway server that terminates TLS accepts TLS 1.0 or 1.1
# description: |
#   A Gateway server with `tls.mode` SIMPLE, MUTUAL or OPTIONAL_MUTUAL terminates TLS in the
#   gateway's Envoy, and `tls.minProtocolVersion` sets the oldest version it accepts. TLS 1.0 and
#   1.1 are deprecated (RFC 8996): they rely on weak hashes and cipher constructions, and
#   compliance baselines such as PCI DSS forbid them. `TLSV1_0` or `TLSV1_1` lets a client, or
#   an attacker downgrading one, negotiate them. Current Envoy versions also dropped the ciphers
#   those versions need from their default list, so the setting may only work together with an
#   equally weak `cipherSuites` list.
#
#   Leave `minProtocolVersion` out or set `TLSV1_2` or `TLSV1_3`: when it is absent Istio
#   applies the mesh's TLS defaults, and Envoy's own default for servers has been TLS 1.2 since
#   Envoy 1.22 (Istio 1.14), so a missing value is not reported. ISTIO_MUTUAL servers are not
#   reported either: Istio applies `minProtocolVersion` only to SIMPLE, MUTUAL and
#   OPTIONAL_MUTUAL servers. A `maxProtocolVersion` below the minimum is a validation error
#   (ML0207), not this policy's.
#
#   ### Bad
#   ```yaml
#   apiVersion: networking.istio.io/v1
#   kind: Gateway
#   metadata: {name: web, namespace: istio-system}
#   spec:
#     selector: {istio: ingressgateway}
#     servers:
#     - port: {number: 443, name: https, protocol: HTTPS}
#       hosts: [shop.example.com]
#       tls:
#         mode: SIMPLE
#         credentialName: shop-cert
#         minProtocolVersion: TLSV1_0
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: networking.istio.io/v1
#   kind: Gateway
#   metadata: {name: web, namespace: istio-system}
#   spec:
#     selector: {istio: ingressgateway}
#     servers:
#     - port: {number: 443, name: https, protocol: HTTPS}
#       hosts: [shop.example.com]
#       tls:
#         mode: SIMPLE
#         credentialName: shop-cert
#         minProtocolVersion: TLSV1_2
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/reference/config/networking/gateway/#ServerTLSSettings
#   description: ServerTLSSettings reference
# - ref: https://istio.io/latest/docs/tasks/traffic-management/ingress/secure-ingress/
#   description: Secure gateways
# custom:
#   id: ML5101
#   inputs: [networking.istio.io/Gateway]
#   fields: [kind, metadata.name, "spec.servers[].tls.mode", "spec.servers[].tls.minProtocolVersion"]
#   name: gateway-tls-min-version
#   severity: warning
package meshlint.gateways.gateway_tls_min_version

import rego.v1

# Istio applies minProtocolVersion to these modes only.
terminating := {"SIMPLE", "MUTUAL", "OPTIONAL_MUTUAL"}

old := {"TLSV1_0": "TLS 1.0", "TLSV1_1": "TLS 1.1"}

warn contains {
	"msg": sprintf("server %d of Gateway %s accepts %s (minProtocolVersion %s): TLS 1.0 and 1.1 are deprecated and weak, and clients can be downgraded to them; set minProtocolVersion: TLSV1_2 (or TLSV1_3), or remove it to get Envoy's TLS 1.2 default", [i, gw.metadata.name, old[version], version]),
	"resource": gw,
	"path": sprintf("spec.servers[%d].tls.minProtocolVersion", [i]),
} if {
	some gw in input.resources
	gw.kind == "Gateway"
	some i, server in object.get(gw, ["spec", "servers"], [])
	object.get(server, ["tls", "mode"], "PASSTHROUGH") in terminating
	version := server.tls.minProtocolVersion
	old[version]
}
