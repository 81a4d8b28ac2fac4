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
#   name: destinationrule-without-outlier-detection
#   severity: info
package meshlint.routing.destinationrule_without_outlier_detection

import rego.v1

# replicas is how many pods workload w may run: spec.replicas (1 when
# absent), or the maxReplicas of a HorizontalPodAutoscaler scaling it.
# The joins below are complete rules, computed once per evaluation: a
# partial rule looked up with a key it cannot index on is evaluated again
# for every lookup, which is quadratic over a large mesh.

replicas(w) := n if {
	n := hpa_max[workload_key(w.metadata.namespace, w.kind, w.metadata.name)]
} else := object.get(w, ["spec", "replicas"], 1)

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

names := {w.meshlint.id: w.metadata.name | some w in input.resources}

scaled := {w.meshlint.id: n |
	some w in input.resources
	w.kind in {"Deployment", "StatefulSet"}
	w.meshlint.injection.mode == "sidecar"
	not gateway(w)
	n := replicas(w)
	is_number(n)
	n > 1
}

gateway(w) if contains(w.spec.template.metadata.annotations["inject.istio.io/templates"], "gateway")

gateway(w) if w.spec.template.metadata.labels.istio in {"ingressgateway", "egressgateway"}

gateway(w) if w.meshlint.id in gateway_workloads

gateway_workloads := {id |
	some gw in input.resources
	gw.kind == "Gateway"
	some e in gw.meshlint.edges
	e.kind == "gateway-workload"
	some id in e.workloads
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
	"msg": sprintf("Service %s sends to %s, which runs up to %v pods, and no DestinationRule for its host sets outlierDetection: a pod that fails or hangs keeps receiving its share of requests; add trafficPolicy.outlierDetection (e.g. consecutive5xxErrors: 5, interval: 10s, baseEjectionTime: 30s) to a DestinationRule for host %s", [svc.metadata.name, names[wid], scaled[wid], svc.metadata.name]),
	"resource": svc,
	"path": "metadata.name",
} if {
	some svc in input.resources
	svc.kind == "Service"
	not svc.meshlint.id in detected
	wid := min({w |
		some e in svc.meshlint.edges
		e.kind == "service-workload"
		some w in e.workloads
		scaled[w]
	})
}
