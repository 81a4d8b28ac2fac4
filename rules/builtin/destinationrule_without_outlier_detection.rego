# METADATA
# title: a Service in the mesh runs several replicas but no DestinationRule for its host sets outlierDetection, so a failing pod keeps its share of requests
# description: |
#   Istio enables Envoy's outlier detection only where a DestinationRule's traffic policy sets
#   `outlierDetection`; without it, the sidecars that call a Service keep balancing requests over
#   every endpoint, including a pod that answers each request with an error or resets it. With
#   several replicas, a single bad pod then fails its share of requests until Kubernetes notices
#   (if a readiness probe notices at all). `outlierDetection` ejects such an endpoint for a while
#   after consecutive errors, and the others take its traffic.
#
#   The policy reports a Service (at its name) when a workload it selects runs in the mesh with
#   sidecars and has more than one replica (`spec.replicas` above 1, or a HorizontalPodAutoscaler
#   targeting it with `maxReplicas` above 1), and no DestinationRule for the Service's host sets
#   `outlierDetection` anywhere (top level, port level or in a subset). It says nothing about
#   workloads outside the mesh or whose injection is unknown, about ambient workloads (without a
#   waypoint no proxy applies a DestinationRule's traffic policy to them), about gateway
#   deployments (their callers are outside the mesh), or about single-replica workloads. A DestinationRule kept in other files is not seen: add those files, or disable the
#   rule for the Service. It is advice (info).
#
#   ### Bad
#   ```yaml
#   apiVersion: v1
#   kind: Namespace
#   metadata: {name: shop, labels: {istio-injection: enabled}}
#   ---
#   apiVersion: v1
#   kind: Service
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     selector: {app: ratings}
#     ports: [{name: http, port: 9080}]
#   ---
#   apiVersion: apps/v1
#   kind: Deployment
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     replicas: 3
#     selector: {matchLabels: {app: ratings}}
#     template:
#       metadata: {labels: {app: ratings, version: v1}}
#       spec:
#         containers: [{name: ratings, image: example/ratings:1.0}]
#   ```
#
#   ### Good
#   ```yaml
#   apiVersion: v1
#   kind: Namespace
#   metadata: {name: shop, labels: {istio-injection: enabled}}
#   ---
#   apiVersion: networking.istio.io/v1
#   kind: DestinationRule
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     host: ratings
#     trafficPolicy:
#       outlierDetection:
#         consecutive5xxErrors: 5
#         interval: 10s
#         baseEjectionTime: 30s
#   ---
#   apiVersion: v1
#   kind: Service
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     selector: {app: ratings}
#     ports: [{name: http, port: 9080}]
#   ---
#   apiVersion: apps/v1
#   kind: Deployment
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     replicas: 3
#     selector: {matchLabels: {app: ratings}}
#     template:
#       metadata: {labels: {app: ratings, version: v1}}
#       spec:
#         containers: [{name: ratings, image: example/ratings:1.0}]
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/reference/config/networking/destination-rule/#OutlierDetection
#   description: OutlierDetection reference
# - ref: https://istio.io/latest/docs/tasks/traffic-management/circuit-breaking/
#   description: Circuit breaking
# custom:
#   id: ML2103
#   inputs: [Service, networking.istio.io/DestinationRule, apps/Deployment, apps/StatefulSet, autoscaling/HorizontalPodAutoscaler, networking.istio.io/Gateway]
#   resources: [networking.istio.io/DestinationRule, autoscaling/HorizontalPodAutoscaler]
#   fields: [kind, metadata.namespace, spec.maxReplicas, spec.scaleTargetRef.kind, spec.scaleTargetRef.name, spec.trafficPolicy.outlierDetection, "spec.trafficPolicy.portLevelSettings[].outlierDetection", "spec.subsets[].trafficPolicy.outlierDetection", "spec.subsets[].trafficPolicy.portLevelSettings[].outlierDetection", "meshlint.edges[].kind", "meshlint.edges[].to"]
#   name: destinationrule-without-outlier-detection
#   severity: info
package meshlint.routing.destinationrule_without_outlier_detection

import rego.v1

# Services, workloads and Gateways are read from data.meshlint (what
# their selectors pick, the workloads' pod metadata and replicas);
# input.resources holds only the DestinationRules and autoscalers.

replicas(id, w) := n if {
	n := hpa_max[workload_key(w.namespace, w.kind, w.name)]
} else := object.get(w, "replicas", 1)

workload_key(ns, kind, name) := concat("/", [ns, kind, name])

hpa_max := {key: max(limits) |
	some key in hpa_keys
	limits := {m |
		some [k, m] in hpa_targets
		k == key
	}
}

hpa_keys := {k | some [k, _] in hpa_targets}

hpa_targets := [[key, hpa.spec.maxReplicas] |
	some hpa in input.resources
	hpa.kind == "HorizontalPodAutoscaler"
	is_number(hpa.spec.maxReplicas)
	key := workload_key(hpa.metadata.namespace, hpa.spec.scaleTargetRef.kind, hpa.spec.scaleTargetRef.name)
]

scaled := {id: n |
	some id, w in data.meshlint.workloads
	w.kind in {"Deployment", "StatefulSet"}
	data.meshlint.injection[id].mode == "sidecar"
	not gateway(id, w)
	n := replicas(id, w)
	is_number(n)
	n > 1
}

gateway(_, w) if contains(w.annotations["inject.istio.io/templates"], "gateway")

gateway(_, w) if w.labels.istio in {"ingressgateway", "egressgateway"}

gateway(id, _) if id in gateway_workloads

gateway_workloads := {id |
	some gw, ids in data.meshlint.selects
	startswith(gw, "networking.istio.io/Gateway/")
	some id in ids
}

detected := {id |
	some dr in input.resources
	dr.kind == "DestinationRule"
	sets_outlier_detection(dr.spec)
	some e in dr.meshlint.edges
	e.kind == "destinationrule-host"
	some id in e.to
}

sets_outlier_detection(spec) if spec.trafficPolicy.outlierDetection

sets_outlier_detection(spec) if spec.trafficPolicy.portLevelSettings[_].outlierDetection

sets_outlier_detection(spec) if spec.subsets[_].trafficPolicy.outlierDetection

sets_outlier_detection(spec) if spec.subsets[_].trafficPolicy.portLevelSettings[_].outlierDetection

warn contains {
	"msg": sprintf("Service %s sends to %s, which runs up to %v pods, and no DestinationRule for its host sets outlierDetection: a pod that fails or hangs keeps receiving its share of requests; add trafficPolicy.outlierDetection (e.g. consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s) to a DestinationRule for host %s", [svc.name, data.meshlint.workloads[wid].name, scaled[wid], svc.name]),
	"resource": {"id": sid},
	"path": "metadata.name",
} if {
	some sid, ids in data.meshlint.selects
	startswith(sid, "core/Service/")
	svc := data.meshlint.resources[sid]
	svc.implied == ""
	not sid in detected
	wid := min({w | some w in ids; scaled[w]})
}
