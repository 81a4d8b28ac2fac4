# METADATA
# title: a workload in the mesh has no app or no version label on its pods, so Istio's telemetry shows it as unknown
# description: |
#   Istio names a workload in its telemetry from its pods' labels. The standard metrics
#   (`istio_requests_total` and the others) carry `destination_app` and `destination_version`
#   (and `source_app`, `source_version`) from the `app` and `version` labels, and
#   `destination_canonical_service` and `destination_canonical_revision` from
#   `service.istio.io/canonical-name`, `app.kubernetes.io/name` or `app`, and
#   `service.istio.io/canonical-revision`, `app.kubernetes.io/version` or `version`. Without any
#   of them the app and version show as `unknown`, the canonical service falls back to the
#   workload's name and the revision to `latest`: the workload's traffic cannot be told apart
#   by version, and Kiali's app and versioned graphs (which read `app` and `version` by
#   default) lose it.
#
#   The policy reports pod templates (and Pods) of workloads that run in the mesh, with sidecars
#   or in ambient mode, when they lack a name label or a version label, at the template's
#   `metadata.labels` (or its `metadata` when there are no labels). A pod with
#   `app.kubernetes.io/name` (or the canonical-name label) but no `app` still gets a
#   canonical service name and is not reported; likewise for the version. Workloads outside the mesh
#   or whose injection is unknown are not reported. It is advice (info): routing does not depend
#   on these labels.
#
#   ### Bad
#   ```yaml
#   apiVersion: v1
#   kind: Namespace
#   metadata: {name: shop, labels: {istio-injection: enabled}}
#   ---
#   apiVersion: apps/v1
#   kind: Deployment
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     selector: {matchLabels: {component: ratings}}
#     template:
#       metadata: {labels: {component: ratings}}
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
#   apiVersion: apps/v1
#   kind: Deployment
#   metadata: {name: ratings, namespace: shop}
#   spec:
#     selector: {matchLabels: {app: ratings}}
#     template:
#       metadata: {labels: {app: ratings, version: v1}}
#       spec:
#         containers: [{name: ratings, image: example/ratings:1.0}]
#   ```
# related_resources:
# - ref: https://istio.io/latest/docs/ops/deployment/application-requirements/
#   description: Application requirements (pod labels)
# - ref: https://istio.io/latest/docs/reference/config/metrics/
#   description: Istio standard metrics
# custom:
#   id: ML8101
#   inputs: [Pod, apps/Deployment, apps/StatefulSet, apps/DaemonSet, apps/ReplicaSet, batch/Job, batch/CronJob]
#   resources: []
#   name: workload-missing-app-version-labels
#   severity: info
package meshlint.metadata.workload_missing_app_version_labels

import rego.v1

# The policy reads the workloads' pod labels and injection verdicts from
# data.meshlint, which has them without converting whole workloads.

name_labels := {"app", "app.kubernetes.io/name", "service.istio.io/canonical-name"}

version_labels := {"version", "app.kubernetes.io/version", "service.istio.io/canonical-revision"}

gaps := {
	"no app or app.kubernetes.io/name label (destination_app shows unknown, the canonical service falls back to the workload name)": name_labels,
	"no version or app.kubernetes.io/version label (destination_version shows unknown, the canonical revision is latest)": version_labels,
}

missing(labels) := {gap | some gap, keys in gaps; count(keys & object.keys(labels)) == 0}

subject(w) := "it has" if w.kind == "Pod"

else := "its pods have"

# labels_path is where the finding points: the pod template's labels (at
# the nearest parent written when they are not).
labels_path(w) := "metadata.labels" if w.template == ""

else := concat(".", [w.template, "metadata.labels"])

warn contains {
	"msg": sprintf("%s %s runs in the mesh (%s) but %s %s: Istio's metrics and Kiali's graphs cannot tell its traffic apart; add app and version labels to the pod template", [w.kind, w.name, mode, subject(w), concat(" and ", sort(lacks))]),
	"resource": {"id": id},
	"path": labels_path(w),
} if {
	some id, w in data.meshlint.workloads
	mode := data.meshlint.injection[id].mode
	mode in {"sidecar", "ambient"}
	data.meshlint.resources[id].implied == ""
	lacks := missing(w.labels)
	count(lacks) > 0
}
