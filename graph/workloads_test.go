package graph

import (
	"reflect"
	"testing"
)

func TestNamespaceInjection(t *testing.T) {
	tests := []struct {
		labels map[string]string
		want   string
	}{
		{nil, InjectionNone},
		{map[string]string{"team": "a"}, InjectionNone},
		{map[string]string{"istio-injection": ""}, InjectionNone},
		{map[string]string{"istio-injection": "enabled"}, InjectionSidecar},
		{map[string]string{"istio-injection": "disabled"}, InjectionDisabled},
		{map[string]string{"istio-injection": "Enabled"}, InjectionDisabled}, // values are case-sensitive
		{map[string]string{"istio.io/rev": "canary"}, InjectionSidecar},
		{map[string]string{"istio.io/rev": ""}, InjectionNone},
		{map[string]string{"istio.io/dataplane-mode": "ambient"}, InjectionAmbient},
		{map[string]string{"istio.io/dataplane-mode": "none"}, InjectionDisabled},
		// istio-injection=enabled wins over everything.
		{map[string]string{"istio-injection": "enabled", "istio.io/dataplane-mode": "ambient"}, InjectionSidecar},
		{map[string]string{"istio-injection": "enabled", "istio.io/rev": "canary"}, InjectionSidecar},
		// A namespace is ambient unless sidecar injection is on (spec §1):
		// istio-injection=disabled does not stop ambient, a revision does.
		{map[string]string{"istio-injection": "disabled", "istio.io/dataplane-mode": "ambient"}, InjectionAmbient},
		{map[string]string{"istio.io/rev": "canary", "istio.io/dataplane-mode": "ambient"}, InjectionSidecar},
		// The webhook selects a revision only without istio-injection.
		{map[string]string{"istio-injection": "disabled", "istio.io/rev": "canary"}, InjectionDisabled},
		{map[string]string{"istio.io/rev": "canary", "istio.io/dataplane-mode": "none"}, InjectionSidecar},
	}
	for _, tt := range tests {
		if got := NamespaceInjection(&Resource{Kind: "Namespace", Name: "ns", Labels: tt.labels}); got != tt.want {
			t.Errorf("NamespaceInjection(%v) = %q; want %q", tt.labels, got, tt.want)
		}
	}
}

func TestSelectorMatches(t *testing.T) {
	labels := map[string]string{"app": "web", "version": "v1", "empty": ""}
	tests := []struct {
		selector map[string]string
		labels   map[string]string
		want     bool
	}{
		{nil, labels, true}, // an empty selector matches everything
		{map[string]string{}, nil, true},
		{map[string]string{"app": "web"}, labels, true},
		{map[string]string{"app": "web", "version": "v1"}, labels, true},
		{map[string]string{"app": "web", "version": "v2"}, labels, false},
		{map[string]string{"app": "Web"}, labels, false},
		{map[string]string{"tier": "front"}, labels, false},
		{map[string]string{"empty": ""}, labels, true},
		{map[string]string{"missing": ""}, labels, false}, // present with an empty value ≠ absent
		{map[string]string{"app": "web"}, nil, false},
	}
	for _, tt := range tests {
		if got := SelectorMatches(tt.selector, tt.labels); got != tt.want {
			t.Errorf("SelectorMatches(%v, %v) = %v; want %v", tt.selector, tt.labels, got, tt.want)
		}
	}
}

func TestSelectorString(t *testing.T) {
	tests := []struct {
		selector map[string]string
		want     string
	}{
		{nil, ""},
		{map[string]string{"app": "web"}, "app=web"},
		{map[string]string{"version": "v1", "app": "web", "b": ""}, "app=web,b=,version=v1"},
	}
	for _, tt := range tests {
		if got := SelectorString(tt.selector); got != tt.want {
			t.Errorf("SelectorString(%v) = %q; want %q", tt.selector, got, tt.want)
		}
	}
}

func TestWorkloadSpecs(t *testing.T) {
	text := lines(
		"apiVersion: apps/v1",
		"kind: Deployment",
		"metadata: {name: web, labels: {owner: me}, annotations: {a: b}}",
		"spec:",
		"  template:",
		"    metadata:",
		"      labels: {app: web, version: 2}",
		"      annotations: {sidecar.istio.io/inject: 'true'}",
		"    spec:",
		"      initContainers: [{name: init}]",
		"      containers: [{name: app}, {name: istio-proxy}, {image: no-name}]",
		"---",
		"apiVersion: v1",
		"kind: Pod",
		"metadata: {name: pod, labels: {app: pod}}",
		"spec: {containers: [{name: c}]}",
		"---",
		"apiVersion: batch/v1",
		"kind: CronJob",
		"metadata: {name: cron}",
		"spec: {jobTemplate: {spec: {template: {metadata: {labels: {app: cron}}, spec: {containers: [{name: job}]}}}}}",
		"---",
		"apiVersion: batch/v1",
		"kind: Job",
		"metadata: {name: job}",
		"spec: {template: {metadata: {labels: {app: job}}}}",
		"---",
		"apiVersion: apps/v1",
		"kind: ReplicaSet",
		"metadata: {name: rs}",
		"spec: {}",
		"---",
		"apiVersion: apps/v1",
		"kind: Deployment",
		"metadata: {name: no-spec}",
		"---",
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: not-a-workload}",
	)
	opts := DefaultOptions()
	opts.AssumeDefaultIngress = false
	g := loadYAMLOpts(t, opts, text)
	noProblems(t, g)
	tests := []struct {
		gk   GroupKind
		name string
		want *WorkloadSpec
	}{
		{KindDeployment, "web", &WorkloadSpec{TemplatePath: "spec.template",
			Labels:      map[string]string{"app": "web", "version": "2"},
			Annotations: map[string]string{"sidecar.istio.io/inject": "true"},
			Containers:  []string{"app", "istio-proxy"}, InitContainers: []string{"init"},
			RunAs: PodRunAs{Containers: []ContainerRunAs{{Index: 0, Name: "app"}, {Index: 1, Name: "istio-proxy"}, {Index: 2}}}}},
		{KindPod, "pod", &WorkloadSpec{Labels: map[string]string{"app": "pod"}, Containers: []string{"c"},
			RunAs: PodRunAs{Containers: []ContainerRunAs{{Index: 0, Name: "c"}}}}},
		{KindCronJob, "cron", &WorkloadSpec{TemplatePath: "spec.jobTemplate.spec.template", Labels: map[string]string{"app": "cron"}, Containers: []string{"job"},
			RunAs: PodRunAs{Containers: []ContainerRunAs{{Index: 0, Name: "job"}}}}},
		{KindJob, "job", &WorkloadSpec{TemplatePath: "spec.template", Labels: map[string]string{"app": "job"}}},
		{KindReplicaSet, "rs", &WorkloadSpec{TemplatePath: "spec.template"}},
		{KindDeployment, "no-spec", &WorkloadSpec{TemplatePath: "spec.template"}},
		{GroupKind{"", "ConfigMap"}, "not-a-workload", nil},
	}
	for _, tt := range tests {
		r := mustGet(t, g, tt.gk, "default", tt.name)
		if !reflect.DeepEqual(r.Workload, tt.want) {
			t.Errorf("%s: workload %+v; want %+v", r, r.Workload, tt.want)
		}
		if tt.want != nil && tt.want.TemplatePath != "" {
			if _, _, ok := r.Doc.Lookup(tt.want.TemplatePath); !ok && tt.want.Labels != nil {
				t.Errorf("%s: template path %s not in the document", r, tt.want.TemplatePath)
			}
		}
	}
	if got := len(g.Workloads()); got != 6 {
		t.Errorf("%d workloads; want 6", got)
	}
}

func TestDefaultIngressWorkload(t *testing.T) {
	text := lines(
		"apiVersion: networking.istio.io/v1",
		"kind: Gateway",
		"metadata: {name: gw, namespace: apps}",
		"spec: {selector: {istio: custom-ingress}}",
	)
	tests := []struct {
		mesh MeshConfig
		want []string
	}{
		{MeshConfig{}, nil}, // the default selector is istio=ingressgateway
		{MeshConfig{RootNamespace: "mesh-root", IngressService: "my-ingress", IngressSelector: "custom-ingress"}, []string{"mesh-root/my-ingress (implied)"}},
	}
	for _, tt := range tests {
		opts := DefaultOptions()
		opts.Mesh = tt.mesh
		g := loadYAMLOpts(t, opts, text)
		ws := g.Workloads()
		if len(ws) != 2 || !ws[0].Implied() || !ws[1].Implied() {
			t.Fatalf("workloads %v; want the implied ingress and egress gateways only", workloadNames(ws))
		}
		e := g.EdgesFrom(mustGet(t, g, KindGateway, "apps", "gw"), EdgeGatewayWorkload)[0]
		if got := workloadNames(e.Workloads); !equalStrings(got, tt.want) {
			t.Errorf("mesh %+v: gateway workloads %v; want %v", tt.mesh, got, tt.want)
		}
	}
	def := InstallWorkloads(DefaultMeshConfig())[0]
	if def.Namespace != DefaultIngressNamespace || def.Name != DefaultIngressName || def.Labels["istio"] != "ingressgateway" || !def.Implied() {
		t.Errorf("default ingress workload %+v", def)
	}
}
