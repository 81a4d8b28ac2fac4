package meshlint.routing.destinationrule_without_outlier_detection_test

import rego.v1

import data.meshlint.routing.destinationrule_without_outlier_detection as policy

svc_id := "core/Service/shop/ratings"

dep_id := "apps/Deployment/shop/ratings"

service(workloads) := {
	"apiVersion": "v1", "kind": "Service",
	"metadata": {"name": "ratings", "namespace": "shop"},
	"spec": {"selector": {"app": "ratings"}},
	"meshlint": {"id": svc_id, "edges": [{"kind": "service-workload", "workloads": workloads}]},
}

svc := service([dep_id])

workload(kind, spec, mode) := {
	"apiVersion": "apps/v1", "kind": kind,
	"metadata": {"name": "ratings", "namespace": "shop"},
	"spec": spec,
	"meshlint": {"id": concat("/", ["apps", kind, "shop/ratings"]), "edges": [], "injection": {"mode": mode}},
}

dep(spec) := workload("Deployment", spec, "sidecar")

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

warns(resources) := ws if {
	ws := policy.warn with input as {"resources": resources}
}

outlier := {"outlierDetection": {"consecutive5xxErrors": 5}}

test_replicas_without_outlier_detection if {
	some w in warns([svc, dep({"replicas": 3})])
	w.path == "metadata.name"
	contains(w.msg, "up to 3 pods")
}

test_dr_without_outlier_detection if {
	count(warns([dr({"trafficPolicy": {"tls": {"mode": "ISTIO_MUTUAL"}}}), svc, dep({"replicas": 2})])) == 1
}

test_hpa_max_replicas if {
	some w in warns([svc, dep({}), hpa(10)])
	contains(w.msg, "up to 10 pods")
}

test_statefulset if {
	s := workload("StatefulSet", {"replicas": 3}, "sidecar")
	count(warns([service(["apps/StatefulSet/shop/ratings"]), s])) == 1
}

test_outlier_detection_is_clean if {
	count(warns([dr({"trafficPolicy": outlier}), svc, dep({"replicas": 3})])) == 0
}

test_port_level_outlier_detection_is_clean if {
	tp := {"trafficPolicy": {"portLevelSettings": [object.union({"port": {"number": 9080}}, outlier)]}}
	count(warns([dr(tp), svc, dep({"replicas": 3})])) == 0
}

test_subset_outlier_detection_is_clean if {
	count(warns([dr({"subsets": [{"name": "v1", "trafficPolicy": outlier}]}), svc, dep({"replicas": 3})])) == 0
}

test_subset_port_level_outlier_detection_is_clean if {
	tp := {"trafficPolicy": {"portLevelSettings": [outlier]}}
	count(warns([dr({"subsets": [object.union({"name": "v1"}, tp)]}), svc, dep({"replicas": 3})])) == 0
}

test_single_replica_is_clean if {
	count(warns([svc, dep({})])) == 0
	count(warns([svc, dep({"replicas": 1})])) == 0
	count(warns([svc, dep({}), hpa(1)])) == 0
}

test_placeholder_replicas_is_clean if {
	count(warns([svc, dep({"replicas": "{{ .Values.replicas }}"})])) == 0
}

test_outside_mesh_is_clean if {
	count(warns([svc, workload("Deployment", {"replicas": 3}, "outside")])) == 0
	count(warns([svc, workload("Deployment", {"replicas": 3}, "unknown")])) == 0
	count(warns([svc, workload("Deployment", {"replicas": 3}, "ambient")])) == 0
}

test_unselected_workload_is_clean if {
	count(warns([service([]), dep({"replicas": 3})])) == 0
}

gateway_pod(meta) := dep({"replicas": 3, "template": {"metadata": meta}})

test_gateway_deployments_are_clean if {
	count(warns([svc, gateway_pod({"annotations": {"inject.istio.io/templates": "gateway"}})])) == 0
	count(warns([svc, gateway_pod({"labels": {"istio": "ingressgateway"}})])) == 0
	gw := {"kind": "Gateway", "metadata": {"name": "gw"}, "meshlint": {"edges": [{"kind": "gateway-workload", "workloads": [dep_id]}]}}
	count(warns([gw, svc, gateway_pod({"labels": {"app": "gw"}})])) == 0
}

test_pod_labels_of_service_workload if {
	count(warns([svc, gateway_pod({"labels": {"app": "ratings"}})])) == 1
}
