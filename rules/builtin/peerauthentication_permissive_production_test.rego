package meshlint.security.peerauthentication_permissive_production_test

import rego.v1

import data.meshlint.security.peerauthentication_permissive_production as policy

labels := ["env=production", "environment=production", "env=prod", "tier-prod"]

namespace(name, labels) := {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": name, "labels": labels}}

pa_id := "security.istio.io/PeerAuthentication/payments/default"

pa(spec) := {
	"apiVersion": "security.istio.io/v1", "kind": "PeerAuthentication",
	"metadata": {"name": "default", "namespace": "payments"},
	"spec": spec,
	"meshlint": {"id": pa_id},
}

warns(resources) := ws if {
	ws := policy.warn with input as {"resources": resources}
		with data.meshlint.options as {"productionLabels": labels}
		with data.meshlint.resources as {pa_id: {"namespace": "payments"}}
}

permissive := {"mtls": {"mode": "PERMISSIVE"}}

test_permissive_in_production if {
	some w in warns([namespace("payments", {"env": "production"}), pa(permissive)])
	w.path == "spec.mtls.mode"
	contains(w.msg, "for all of namespace payments")
	contains(w.msg, "env=production")
}

test_workload_level if {
	some w in warns([namespace("payments", {"env": "prod"}), pa(object.union(permissive, {"selector": {"matchLabels": {"app": "api"}}}))])
	contains(w.msg, "for the workloads it selects in namespace payments")
}

test_label_key_only if {
	count(warns([namespace("payments", {"tier-prod": "yes"}), pa(permissive)])) == 1
}

test_strict_is_clean if {
	count(warns([namespace("payments", {"env": "production"}), pa({"mtls": {"mode": "STRICT"}})])) == 0
}

test_not_production_is_clean if {
	count(warns([namespace("payments", {"env": "staging"}), pa(permissive)])) == 0
	count(warns([namespace("payments", {}), pa(permissive)])) == 0
	count(warns([namespace("billing", {"env": "production"}), pa(permissive)])) == 0
}

test_unknown_namespace_is_clean if {
	count(warns([pa(permissive)])) == 0
}
