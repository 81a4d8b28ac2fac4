# METADATA
# title: a PeerAuthentication sets mTLS PERMISSIVE in a namespace labelled as production, so its workloads accept plain text
# description: |
#   With mTLS mode `PERMISSIVE`, a workload's sidecar accepts both mutual TLS and plain text.
#   Clients outside the mesh (pods without a sidecar, anything that reaches the pod IP) can then
#   call the workloads without presenting an identity, and AuthorizationPolicies that rely on
#   `principals` or `namespaces` cannot tell who they are. PERMISSIVE is meant for migrating
#   workloads into the mesh; once every client has a sidecar, production namespaces should run
#   `STRICT`.
#
#   The policy reports a PeerAuthentication whose `mtls.mode` is `PERMISSIVE`, namespace-wide or
#   for selected workloads, in a namespace whose Namespace object (in the linted files) carries
#   one of the labels of the `productionLabels` option (`key=value`, or `key` for any value). It
#   does not report the mesh-wide policy in the root namespace: PERMISSIVE is Istio's default
#   anyway, and whether a production namespace overrides it with its own policy may be decided in
#   files not linted. Nor does it report port-level modes, namespaces it cannot see, or
#   namespaces without a production label.
#
#   ### Bad
#   ```yaml
#   apiVersion: v1
#   kind: Namespace
#   metadata:
#     name: payments
#     labels: {env: production, istio-injection: enabled}
#   ---
#   apiVersion: security.istio.io/v1
#   kind: PeerAuthentication
#   metadata: {name: default, namespace: payments}
#   spec:
#     mtls: {mode: PERMISSIVE}
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: v1
#   kind: Namespace
#   metadata:
#     name: payments
#     labels: {env: production, istio-injection: enabled}
#   ---
#   apiVersion: security.istio.io/v1
#   kind: PeerAuthentication
#   metadata: {name: default, namespace: payments}
#   spec:
#     mtls: {mode: STRICT}
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/reference/config/security/peer_authentication/
#   description: PeerAuthentication reference
# - ref: https://istio.io/latest/docs/tasks/security/authentication/mtls-migration/
#   description: Mutual TLS migration
# custom:
#   id: ML4102
#   inputs: [security.istio.io/PeerAuthentication, Namespace]
#   fields: [kind, metadata.name, metadata.labels, spec.mtls.mode, spec.selector]
#   name: peerauthentication-permissive-production
#   severity: warning
#   options:
#     productionLabels:
#       default: [env=production, environment=production, env=prod]
#       doc: Namespace labels (key=value, or key for any value) that mark a production namespace
package meshlint.security.peerauthentication_permissive_production

import rego.v1

# production maps the name of each production Namespace to the label that says so.
production := {ns.metadata.name: label |
	some ns in input.resources
	ns.kind == "Namespace"
	label := min({l | some l in data.meshlint.options.productionLabels; has_label(ns, l)})
}

has_label(ns, l) if {
	[key, value] := split(l, "=")
	ns.metadata.labels[key] == value
}

has_label(ns, l) if {
	not contains(l, "=")
	ns.metadata.labels[l]
}

warn contains {
	"msg": sprintf("PeerAuthentication %s sets mTLS PERMISSIVE %s %s, labelled %s as production: its workloads accept plain text, so clients outside the mesh reach them unauthenticated; set mtls.mode: STRICT once every client has a sidecar", [pa.metadata.name, scope(pa), ns, production[ns]]),
	"resource": pa,
	"path": "spec.mtls.mode",
} if {
	some pa in input.resources
	pa.kind == "PeerAuthentication"
	pa.spec.mtls.mode == "PERMISSIVE"
	ns := data.meshlint.resources[pa.meshlint.id].namespace
	production[ns]
}

scope(pa) := "for the workloads it selects in namespace" if pa.spec.selector

else := "for all of namespace"
