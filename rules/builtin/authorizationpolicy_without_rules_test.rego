package meshlint.security.authorizationpolicy_without_rules_test

import rego.v1

import data.meshlint.security.authorizationpolicy_without_rules as policy

ap(spec) := {
	"apiVersion": "security.istio.io/v1",
	"kind": "AuthorizationPolicy",
	"metadata": {"name": "p", "namespace": "shop"},
	"spec": spec,
}

test_deny_without_rules_warns if {
	some w in policy.warn with input as {"resources": [ap({"action": "DENY"})]}
	w.path == "spec.action"
	not w.severity
}

test_deny_with_rules_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [ap({"action": "DENY", "rules": [{"to": [{"operation": {"paths": ["/admin"]}}]}]})]}
}

test_allow_nothing_idiom_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [ap({})]}
}

test_explicit_allow_without_rules_is_info if {
	some w in policy.warn with input as {"resources": [ap({"action": "ALLOW"})]}
	w.severity == "info"
	w.path == "spec.action"
}

test_empty_rules_list_is_info if {
	some w in policy.warn with input as {"resources": [ap({"rules": []})]}
	w.path == "spec.rules"
}

test_custom_without_rules_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [ap({"action": "CUSTOM", "provider": {"name": "ext"}})]}
}
