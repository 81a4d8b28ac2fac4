package meshlint.metadata.workload_missing_app_version_labels_test

import rego.v1

import data.meshlint.metadata.workload_missing_app_version_labels as policy

dep(template, mode) := {
	"apiVersion": "apps/v1", "kind": "Deployment",
	"metadata": {"name": "ratings", "namespace": "shop"},
	"spec": {"template": template},
	"meshlint": {"injection": {"mode": mode}},
}

labelled(labels) := dep({"metadata": {"labels": labels}, "spec": {}}, "sidecar")

warns(resources) := ws if {
	ws := policy.warn with input as {"resources": resources}
}

test_no_labels_at_all if {
	some w in warns([labelled({"component": "ratings"})])
	w.path == "spec.template.metadata.labels"
	contains(w.msg, "no app or app.kubernetes.io/name")
	contains(w.msg, "no version or app.kubernetes.io/version")
}

test_version_missing if {
	some w in warns([labelled({"app": "ratings"})])
	not contains(w.msg, "no app")
	contains(w.msg, "no version")
}

test_app_missing_ambient if {
	w := dep({"metadata": {"labels": {"version": "v1"}}}, "ambient")
	some f in warns([w])
	contains(f.msg, "(ambient)")
	not contains(f.msg, "no version")
}

test_labels_present_are_clean if {
	count(warns([labelled({"app": "ratings", "version": "v1"})])) == 0
	count(warns([labelled({"app.kubernetes.io/name": "ratings", "app.kubernetes.io/version": "1.0"})])) == 0
	count(warns([labelled({"service.istio.io/canonical-name": "r", "service.istio.io/canonical-revision": "1"})])) == 0
}

test_outside_mesh_is_clean if {
	count(warns([dep({"metadata": {"labels": {}}}, "outside")])) == 0
	count(warns([dep({"metadata": {"labels": {}}}, "unknown")])) == 0
}

test_points_at_metadata_or_template if {
	some w in warns([dep({"metadata": {"annotations": {}}}, "sidecar")])
	w.path == "spec.template.metadata"
	some v in warns([dep({"spec": {}}, "sidecar")])
	v.path == "spec.template"
}

test_pod_and_cronjob if {
	pod := {"kind": "Pod", "metadata": {"name": "p", "labels": {"app": "p"}}, "meshlint": {"injection": {"mode": "sidecar"}}}
	some w in warns([pod])
	w.path == "metadata.labels"
	contains(w.msg, "but it has no version")
	cj := {
		"kind": "CronJob", "metadata": {"name": "c"},
		"spec": {"jobTemplate": {"spec": {"template": {"metadata": {"labels": {"app": "c"}}}}}},
		"meshlint": {"injection": {"mode": "sidecar"}},
	}
	some c in warns([cj])
	c.path == "spec.jobTemplate.spec.template.metadata.labels"
}
