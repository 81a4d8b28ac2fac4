package meshlint.routing.destinationrule_without_outlier_detection_test

import rego.v1

import data.meshlint.routing.destinationrule_without_outlier_detection as policy

svc_id := "core/Service/shop/ratings"

dep_id := "apps/Deployment/shop/ratings"

gw_id := "networking.istio.io/Gateway/shop/gw"

resources := {
	svc_id: {"group": "", "kind": "Service", "namespace": "shop", "name": "ratings", "implied": ""},
	gw_id: {"group": "networking.istio.io", "kind": "Gateway", "namespace": "shop", "name": "gw", "implied": ""},
}

workload(kind, fields) := object.union({"kind": kind, "namespace": "shop", "name": "ratings", "labels": {}, "annotations": {}}, fields)

dep(fields) := workload("Deployment", fields)

dr(spec) := {
	"apiVersion": "networking.istio.io/v1", "kind": "DestinationRule",
	"metadata": {"name": "ratings", "namespace": "shop"},
	"spec": object.union({"host": "ratings"}, spec),
	"meshlint": {"id": "networking.istio.io/DestinationRule/shop/ratings", "edges": [{"kind": "destinationrule-host", "to": [svc_id]}]},
}

hpa(max) := {
	"apiVersion": "autoscaling/v2", "kind": "HorizontalPodAutoscaler",
	"metadata": {"name": "ratings", "namespace": "shop"},
	"spec": {"scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "ratings"}, "minReplicas": 1, "maxReplicas": max},
}

# mesh evaluates the policy with the Service ratings selecting the
# workloads, each in the given injection mode.
mesh(resources_in, workloads, selects, mode) := ws if {
	ws := policy.warn with input as {"resources": resources_in}
		with data.meshlint.resources as resources
		with data.meshlint.workloads as workloads
		with data.meshlint.selects as selects
		with data.meshlint.injection as {id: {"mode": mode} | some id, _ in workloads}
}

warns(resources_in, w) := mesh(resources_in, {dep_id: w}, {svc_id: [dep_id]}, "sidecar")

outlier := {"outlierDetection": {"consecutive5xxErrors": 5}}

test_replicas_without_outlier_detection if {
	some w in warns([], dep({"replicas": 3}))
	w.path == "metadata.name"
	w.resource == {"id": svc_id}
	contains(w.msg, "up to 3 pods")
}

test_dr_without_outlier_detection if {
	count(warns([dr({"trafficPolicy": {"tls": {"mode": "ISTIO_MUTUAL"}}})], dep({"replicas": 2}))) == 1
}

test_hpa_max_replicas if {
	some w in warns([hpa(10)], dep({}))
	contains(w.msg, "up to 10 pods")
}

test_statefulset if {
	id := "apps/StatefulSet/shop/ratings"
	count(mesh([], {id: workload("StatefulSet", {"replicas": 3})}, {svc_id: [id]}, "sidecar")) == 1
}

test_outlier_detection_is_clean if {
	count(warns([dr({"trafficPolicy": outlier})], dep({"replicas": 3}))) == 0
}

test_port_level_outlier_detection_is_clean if {
	tp := {"trafficPolicy": {"portLevelSettings": [object.union({"port": {"number": 9080}}, outlier)]}}
	count(warns([dr(tp)], dep({"replicas": 3}))) == 0
}

test_subset_outlier_detection_is_clean if {
	count(warns([dr({"subsets": [{"name": "v1", "trafficPolicy": outlier}]})], dep({"replicas": 3}))) == 0
}

test_subset_port_level_outlier_detection_is_clean if {
	tp := {"trafficPolicy": {"portLevelSettings": [outlier]}}
	count(warns([dr({"subsets": [object.union({"name": "v1"}, tp)]})], dep({"replicas": 3}))) == 0
}

test_single_replica_is_clean if {
	count(warns([], dep({}))) == 0
	count(warns([], dep({"replicas": 1}))) == 0
	count(warns([hpa(1)], dep({}))) == 0
}

test_placeholder_replicas_is_clean if {
	count(warns([], dep({"replicas": "{{ .Values.replicas }}"}))) == 0
}

test_outside_mesh_is_clean if {
	w := {dep_id: dep({"replicas": 3})}
	count(mesh([], w, {svc_id: [dep_id]}, "outside")) == 0
	count(mesh([], w, {svc_id: [dep_id]}, "unknown")) == 0
	count(mesh([], w, {svc_id: [dep_id]}, "ambient")) == 0
}

test_unselected_workload_is_clean if {
	count(mesh([], {dep_id: dep({"replicas": 3})}, {svc_id: []}, "sidecar")) == 0
}

test_gateway_deployments_are_clean if {
	count(warns([], dep({"replicas": 3, "annotations": {"inject.istio.io/templates": "gateway"}}))) == 0
	count(warns([], dep({"replicas": 3, "labels": {"istio": "ingressgateway"}}))) == 0
	selects := {svc_id: [dep_id], gw_id: [dep_id]}
	count(mesh([], {dep_id: dep({"replicas": 3, "labels": {"app": "gw"}})}, selects, "sidecar")) == 0
}

test_pod_labels_of_service_workload if {
	count(warns([], dep({"replicas": 3, "labels": {"app": "ratings"}}))) == 1
}

test_implied_service_is_clean if {
	implied := {svc_id: object.union(resources[svc_id], {"implied": "istiod"})}
	ws := policy.warn with input as {"resources": []}
		with data.meshlint.resources as implied
		with data.meshlint.workloads as {dep_id: dep({"replicas": 3})}
		with data.meshlint.selects as {svc_id: [dep_id]}
		with data.meshlint.injection as {dep_id: {"mode": "sidecar"}}
	count(ws) == 0
}
