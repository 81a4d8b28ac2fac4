package meshlint.gateways.gateway_tls_min_version_test

import rego.v1

import data.meshlint.gateways.gateway_tls_min_version as policy

gw(tls) := {
	"apiVersion": "networking.istio.io/v1",
	"kind": "Gateway",
	"metadata": {"name": "web", "namespace": "istio-system"},
	"spec": {"servers": [
		{"port": {"number": 80, "name": "http", "protocol": "HTTP"}, "hosts": ["*"]},
		{"port": {"number": 443, "name": "https", "protocol": "HTTPS"}, "hosts": ["*"], "tls": tls},
	]},
}

test_tls_1_0 if {
	some w in policy.warn with input as {"resources": [gw({"mode": "SIMPLE", "minProtocolVersion": "TLSV1_0"})]}
	w.path == "spec.servers[1].tls.minProtocolVersion"
	contains(w.msg, "TLS 1.0")
}

test_tls_1_1_mutual if {
	count(policy.warn) == 1 with input as {"resources": [gw({"mode": "MUTUAL", "minProtocolVersion": "TLSV1_1"})]}
	count(policy.warn) == 1 with input as {"resources": [gw({"mode": "OPTIONAL_MUTUAL", "minProtocolVersion": "TLSV1_1"})]}
}

test_modern_versions_are_clean if {
	count(policy.warn) == 0 with input as {"resources": [gw({"mode": "SIMPLE", "minProtocolVersion": "TLSV1_2"})]}
	count(policy.warn) == 0 with input as {"resources": [gw({"mode": "SIMPLE", "minProtocolVersion": "TLS_AUTO"})]}
	count(policy.warn) == 0 with input as {"resources": [gw({"mode": "SIMPLE"})]}
}

test_modes_that_ignore_it_are_clean if {
	count(policy.warn) == 0 with input as {"resources": [gw({"mode": "ISTIO_MUTUAL", "minProtocolVersion": "TLSV1_0"})]}
	count(policy.warn) == 0 with input as {"resources": [gw({"mode": "PASSTHROUGH", "minProtocolVersion": "TLSV1_0"})]}
	count(policy.warn) == 0 with input as {"resources": [gw({"minProtocolVersion": "TLSV1_0"})]}
}
