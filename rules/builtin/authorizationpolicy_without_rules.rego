# METADATA
# title: an AuthorizationPolicy without rules denies nothing (DENY) or, written out, allows nothing (ALLOW)
# description: |
#   An AuthorizationPolicy matches requests through its `rules`. Without rules, a `DENY` policy
#   matches no request and denies nothing: the workloads it selects stay open. An `ALLOW` policy
#   without rules matches nothing either, and since an ALLOW policy on a workload denies whatever
#   no ALLOW policy allows, it denies every request to its workloads.
#
#   Istio documents `spec: {}` as the "allow-nothing" policy, and that form is not reported. An
#   ALLOW policy that says `action: ALLOW` or has an empty `rules` list looks like rules were meant
#   and lost: it is reported as info. A DENY policy without rules is a warning.
#
#   ### Bad
#   ```yaml
#   apiVersion: security.istio.io/v1
#   kind: AuthorizationPolicy
#   metadata: {name: block-admin, namespace: shop}
#   spec:
#     action: DENY
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: security.istio.io/v1
#   kind: AuthorizationPolicy
#   metadata: {name: block-admin, namespace: shop}
#   spec:
#     action: DENY
#     rules:
#     - to:
#       - operation: {paths: ["/admin/*"]}
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/reference/config/security/authorization-policy/
#   description: AuthorizationPolicy reference
# custom:
#   id: ML4101
#   inputs: [security.istio.io/AuthorizationPolicy]
#   fields: [apiVersion, kind, metadata.name, spec.action, "spec.rules[]{}"]
#   name: authorizationpolicy-without-rules
#   severity: warning
package meshlint.security.authorizationpolicy_without_rules

import rego.v1

policies contains r if {
	some r in input.resources
	r.apiVersion in {"security.istio.io/v1", "security.istio.io/v1beta1"}
	r.kind == "AuthorizationPolicy"
	count(object.get(r, ["spec", "rules"], [])) == 0
}

warn contains {
	"msg": sprintf("AuthorizationPolicy %s has action DENY and no rules: it matches no request and denies nothing; add rules saying what to deny", [r.metadata.name]),
	"resource": r,
	"path": "spec.action",
} if {
	some r in policies
	r.spec.action == "DENY"
}

warn contains {
	"msg": sprintf("AuthorizationPolicy %s allows nothing: an ALLOW policy without rules denies every request to its workloads; add the rules it was meant to have, or write spec: {} if denying everything is the intent", [r.metadata.name]),
	"resource": r,
	"path": allow_path(r),
	"severity": "info",
} if {
	some r in policies
	object.get(r, ["spec", "action"], "ALLOW") == "ALLOW"
	allow_path(r)
}

allow_path(r) := "spec.rules" if "rules" in object.keys(r.spec)

else := "spec.action" if r.spec.action == "ALLOW"
