package meshlint.routing.external_route_without_timeout_test

import rego.v1

import data.meshlint.routing.external_route_without_timeout as policy

se(name, spec) := {
	"apiVersion": "networking.istio.io/v1",
	"kind": "ServiceEntry",
	"metadata": {"name": name, "namespace": "shop"},
	"spec": spec,
	"meshlint": {"id": concat("/", ["networking.istio.io/ServiceEntry/shop", name]), "edges": []},
}

edge(path, to) := {"kind": "route-host", "path": path, "target": "api.example.com", "to": to}

vs(http, edges) := {
	"apiVersion": "networking.istio.io/v1",
	"kind": "VirtualService",
	"metadata": {"name": "v", "namespace": "shop"},
	"spec": {"hosts": ["api.example.com"], "http": http},
	"meshlint": {"id": "networking.istio.io/VirtualService/shop/v", "edges": edges},
}

route := {"route": [{"destination": {"host": "api.example.com"}}]}

ext_edge := edge("spec.http[0].route[0].destination.host", ["networking.istio.io/ServiceEntry/shop/ext"])

test_external_route_without_timeout if {
	some w in policy.warn with input as {"resources": [se("ext", {"location": "MESH_EXTERNAL"}), vs([route], [ext_edge])]}
	w.path == "spec.http[0]"
	contains(w.msg, "api.example.com")
}

test_default_location_is_external if {
	count(policy.warn) == 1 with input as {"resources": [se("ext", {}), vs([route], [ext_edge])]}
}

test_timeout_is_clean if {
	r := object.union(route, {"timeout": "5s"})
	count(policy.warn) == 0 with input as {"resources": [se("ext", {}), vs([r], [ext_edge])]}
}

test_mesh_internal_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [se("ext", {"location": "MESH_INTERNAL"}), vs([route], [ext_edge])]}
}

test_workload_selector_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [se("ext", {"workloadSelector": {"labels": {"app": "vm"}}}), vs([route], [ext_edge])]}
}

test_mirror_is_clean if {
	e := edge("spec.http[0].mirror.host", ["networking.istio.io/ServiceEntry/shop/ext"])
	count(policy.warn) == 0 with input as {"resources": [se("ext", {}), vs([route], [e])]}
}

test_other_route_index_is_clean if {
	e := edge("spec.http[1].route[0].destination.host", ["networking.istio.io/ServiceEntry/shop/ext"])
	ws := policy.warn with input as {"resources": [se("ext", {}), vs([route, object.union(route, {"timeout": "1s"})], [e])]}
	count(ws) == 0
}
