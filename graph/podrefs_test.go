package graph

import (
	"fmt"
	"strings"
	"testing"
)

// PodRefs lists what a pod template names, each at a field whose value
// is the name, in field order; optional references say so.
func TestPodRefs(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: apps/v1",
		"kind: Deployment",
		"metadata: {name: web, namespace: shop}",
		"spec:",
		"  template:",
		"    spec:",
		"      serviceAccountName: web",
		"      serviceAccount: old",
		"      imagePullSecrets: [{name: registry}]",
		"      volumes:",
		"      - {name: a, configMap: {name: settings}}",
		"      - {name: b, secret: {secretName: certs, optional: true}}",
		"      - name: c",
		"        projected:",
		"          sources:",
		"          - serviceAccountToken: {path: token}",
		"          - configMap: {name: extra}",
		"          - secret: {name: keys}",
		"      - {name: d, emptyDir: {}}",
		"      initContainers:",
		"      - name: init",
		"        envFrom: [{configMapRef: {name: init-env}}]",
		"      containers:",
		"      - name: app",
		"        envFrom:",
		"        - secretRef: {name: app-secrets}",
		"        env:",
		"        - {name: PLAIN, value: x}",
		"        - name: MODE",
		"          valueFrom: {configMapKeyRef: {name: settings, key: mode, optional: false}}",
		"        - name: PASSWORD",
		"          valueFrom: {secretKeyRef: {name: db, key: password, optional: true}}",
	))
	noProblems(t, g)
	w := mustGet(t, g, KindDeployment, "shop", "web")
	want := []string{
		"ServiceAccount web serviceAccount 7",
		"Secret registry imagePullSecrets 9",
		"ConfigMap settings volume 11",
		"Secret certs volume 12 optional",
		"ConfigMap extra volume 17",
		"Secret keys volume 18",
		"ConfigMap init-env env 22",
		"Secret app-secrets env 26",
		"ConfigMap settings env 30",
		"Secret db env 32 optional",
	}
	var got []string
	for _, r := range w.PodRefs() {
		s := fmt.Sprintf("%s %s %s %d", r.Kind.Kind, r.Name, r.Use, w.Location(r.Path).Start.Line)
		if v, _ := w.ValueAt(r.Path); v != r.Name {
			t.Errorf("%s: value at %s is %v", s, r.Path, v)
		}
		if r.Optional {
			s += " optional"
		}
		got = append(got, s)
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("refs\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// A Pod's references are under spec, a CronJob's under its job template;
// the deprecated serviceAccount counts when serviceAccountName is absent.
func TestPodRefsPaths(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: p, namespace: shop}",
		"spec: {serviceAccount: legacy, containers: [{name: c}]}",
		"---",
		"apiVersion: batch/v1",
		"kind: CronJob",
		"metadata: {name: cj, namespace: shop}",
		"spec:",
		"  jobTemplate: {spec: {template: {spec: {volumes: [{name: v, configMap: {name: cfg}}]}}}}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: s, namespace: shop}",
	))
	tests := []struct {
		kind GroupKind
		name string
		want string
	}{
		{KindPod, "p", "spec.serviceAccount"},
		{KindCronJob, "cj", "spec.jobTemplate.spec.template.spec.volumes[0].configMap.name"},
		{KindService, "s", ""},
	}
	for _, tt := range tests {
		var paths []string
		for _, r := range mustGet(t, g, tt.kind, "shop", tt.name).PodRefs() {
			paths = append(paths, r.Path)
		}
		if strings.Join(paths, " ") != tt.want {
			t.Errorf("%s %s: paths %q; want %q", tt.kind.Kind, tt.name, paths, tt.want)
		}
	}
}
