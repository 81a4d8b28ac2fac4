package meshlint.metadata.workload_missing_app_version_labels_test

import rego.v1

import data.meshlint.metadata.workload_missing_app_version_labels as policy

id := "apps/Deployment/shop/ratings"

workload(kind, template, labels) := {"kind": kind, "namespace": "shop", "name": "ratings", "template": template, "labels": labels}

warns(w, mode) := ws if {
	ws := policy.warn with data.meshlint.workloads as {id: w}
		with data.meshlint.injection as {id: {"mode": mode}}
		with data.meshlint.resources as {id: {"implied": ""}}
}

labelled(labels) := warns(workload("Deployment", "spec.template", labels), "sidecar")

test_no_labels_at_all if {
	some w in labelled({"component": "ratings"})
	w.path == "spec.template.metadata.labels"
	w.resource == {"id": id}
	contains(w.msg, "no app or app.kubernetes.io/name")
	contains(w.msg, "no version or app.kubernetes.io/version")
}

test_version_missing if {
	some w in labelled({"app": "ratings"})
	not contains(w.msg, "no app")
	contains(w.msg, "no version")
}

test_app_missing_ambient if {
	some f in warns(workload("Deployment", "spec.template", {"version": "v1"}), "ambient")
	contains(f.msg, "(ambient)")
	not contains(f.msg, "no version")
}

test_labels_present_are_clean if {
	count(labelled({"app": "ratings", "version": "v1"})) == 0
	count(labelled({"app.kubernetes.io/name": "ratings", "app.kubernetes.io/version": "1.0"})) == 0
	count(labelled({"service.istio.io/canonical-name": "r", "service.istio.io/canonical-revision": "1"})) == 0
}

test_outside_mesh_is_clean if {
	count(warns(workload("Deployment", "spec.template", {}), "outside")) == 0
	count(warns(workload("Deployment", "spec.template", {}), "unknown")) == 0
}

test_implied_is_clean if {
	ws := policy.warn with data.meshlint.workloads as {id: workload("Deployment", "spec.template", {})}
		with data.meshlint.injection as {id: {"mode": "sidecar"}}
		with data.meshlint.resources as {id: {"implied": "the default ingress gateway"}}
	count(ws) == 0
}

test_pod_and_cronjob if {
	some w in warns(workload("Pod", "", {"app": "p"}), "sidecar")
	w.path == "metadata.labels"
	contains(w.msg, "but it has no version")
	some c in warns(workload("CronJob", "spec.jobTemplate.spec.template", {"app": "c"}), "sidecar")
	c.path == "spec.jobTemplate.spec.template.metadata.labels"
}
