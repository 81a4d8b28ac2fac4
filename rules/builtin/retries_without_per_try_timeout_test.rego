package meshlint.routing.retries_without_per_try_timeout_test

import rego.v1

import data.meshlint.routing.retries_without_per_try_timeout as policy

vs(route) := {
	"apiVersion": "networking.istio.io/v1",
	"kind": "VirtualService",
	"metadata": {"name": "v", "namespace": "shop"},
	"spec": {"hosts": ["ratings"], "http": [object.union({"route": [{"destination": {"host": "ratings"}}]}, route)]},
}

test_retries_without_per_try_timeout if {
	some w in policy.warn with input as {"resources": [vs({"timeout": "10s", "retries": {"attempts": 3}})]}
	w.path == "spec.http[0].retries"
	contains(w.msg, "whole route timeout 10s")
}

test_no_route_timeout_either if {
	some w in policy.warn with input as {"resources": [vs({"retries": {"attempts": 2, "retryOn": "5xx"}})]}
	contains(w.msg, "no timeout either")
}

test_per_try_timeout_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [vs({"retries": {"attempts": 3, "perTryTimeout": "2s"}})]}
}

test_retries_off_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [vs({"retries": {"attempts": 0}})]}
}

test_default_retries_are_clean if {
	count(policy.warn) == 0 with input as {"resources": [vs({"timeout": "5s"})]}
}

test_attempts_missing_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [vs({"retries": {"retryOn": "5xx"}})]}
}
