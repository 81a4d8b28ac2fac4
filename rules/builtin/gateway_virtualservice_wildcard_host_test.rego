package meshlint.routing.gateway_virtualservice_wildcard_host_test

import rego.v1

import data.meshlint.routing.gateway_virtualservice_wildcard_host as policy

gw_id := "networking.istio.io/Gateway/istio-system/web"

gw(hosts) := {
	"apiVersion": "networking.istio.io/v1", "kind": "Gateway",
	"metadata": {"name": "web", "namespace": "istio-system"},
	"spec": {"servers": [{"port": {"number": 80, "name": "http", "protocol": "HTTP"}, "hosts": hosts}]},
	"meshlint": {"id": gw_id},
}

vs(name, ns, hosts) := {
	"apiVersion": "networking.istio.io/v1", "kind": "VirtualService",
	"metadata": {"name": name, "namespace": ns},
	"spec": {"hosts": hosts, "gateways": ["istio-system/web"], "http": [{"route": [{"destination": {"host": "x"}}]}]},
	"meshlint": {"id": concat("/", ["networking.istio.io/VirtualService", ns, name])},
}

star := vs("catch-all", "istio-system", ["*"])

shop := vs("shop", "istio-system", ["shop.example.com"])

bound(vss) := {v.meshlint.id: [gw_id] | some v in vss}

warns(hosts, vss) := ws if {
	ws := policy.warn with input as {"resources": array.concat([gw(hosts)], vss)}
		with data.meshlint.gateways as bound(vss)
}

test_star_shares_server_host if {
	some w in warns(["shop.example.com", "docs.example.com"], [star, shop])
	w.path == "spec.hosts[0]"
	w.resource.metadata.name == "catch-all"
	contains(w.msg, "shop.example.com (Gateway web, VirtualService shop)")
}

test_one_finding_lists_every_collision if {
	docs := vs("docs", "istio-system", ["docs.example.com"])
	ws := warns(["shop.example.com", "docs.example.com"], [star, shop, docs])
	count(ws) == 1
	some w in ws
	contains(w.msg, "docs.example.com (Gateway web, VirtualService docs), shop.example.com")
}

test_namespace_qualified_server_hosts if {
	s := vs("catch-all", "shop", ["*"])
	o := vs("shop", "shop", ["shop.example.com"])
	count(warns(["shop/shop.example.com"], [s, o])) == 1
	count(warns(["*/shop.example.com"], [s, o])) == 1
	count(warns(["./shop.example.com"], [star, shop])) == 1
}

test_server_host_other_namespace_is_clean if {
	s := vs("catch-all", "shop", ["*"])
	o := vs("shop", "shop", ["shop.example.com"])
	count(warns(["docs/shop.example.com"], [s, o])) == 0
	count(warns(["./shop.example.com"], [s, o])) == 0
}

test_star_alone_is_clean if {
	count(warns(["shop.example.com"], [star])) == 0
}

test_star_server_host_is_clean if {
	count(warns(["*"], [star, shop])) == 0
}

test_other_host_not_on_server_is_clean if {
	count(warns(["docs.example.com"], [star, shop])) == 0
}

test_other_gateway_is_clean if {
	count(policy.warn) == 0 with input as {"resources": [gw(["shop.example.com"]), star, shop]}
		with data.meshlint.gateways as {star.meshlint.id: [gw_id], shop.meshlint.id: ["networking.istio.io/Gateway/istio-system/other"]}
}

test_tcp_only_is_clean if {
	t := json.patch(star, [{"op": "remove", "path": "/spec/http"}])
	count(warns(["shop.example.com"], [t, shop])) == 0
}
