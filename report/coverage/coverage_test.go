package coverage_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/source"
	"github.com/meshlint/meshlint/report/coverage"
)

// One workload per cause, counted by hand below.
var fixture = `
apiVersion: v1
kind: Namespace
metadata: {name: a, labels: {istio-injection: enabled}}
---
apiVersion: v1
kind: Namespace
metadata: {name: b, labels: {istio.io/rev: canary}}
---
apiVersion: v1
kind: Namespace
metadata: {name: c, labels: {istio.io/dataplane-mode: ambient}}
---
apiVersion: v1
kind: Namespace
metadata: {name: d}
---
apiVersion: v1
kind: Namespace
metadata: {name: kube-system}
` + deploy("a", "a1", "") + deploy("a", "a2", "labels: {sidecar.istio.io/inject: \"false\"}") +
	hostNetwork("a", "a3") +
	deploy("b", "b1", "") + deploy("b", "b2", "labels: {app: b2}, annotations: {sidecar.istio.io/inject: \"false\"}") +
	deploy("c", "c1", "") + deploy("d", "d1", "labels: {app: d1}") + deploy("d", "d2", "labels: {istio.io/rev: stable}") +
	deploy("kube-system", "k1", "") + deploy("e", "e1", "") + `
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: deny-d1, namespace: d}
spec:
  selector: {matchLabels: {app: d1}}
  action: DENY
  rules: [{}]
---
apiVersion: v1
kind: Service
metadata: {name: d2svc, namespace: d}
spec: {selector: {app: d2}, ports: [{port: 80}]}
---
apiVersion: security.istio.io/v1
kind: AuthorizationPolicy
metadata: {name: via-service, namespace: b}
spec:
  targetRefs: [{kind: Service, group: "", name: b2svc}]
  action: DENY
  rules: [{}]
---
apiVersion: v1
kind: Service
metadata: {name: b2svc, namespace: b}
spec: {selector: {app: b2}, ports: [{port: 80}]}
`

func hostNetwork(ns, name string) string {
	return strings.Replace(deploy(ns, name, ""), "spec: {containers", "spec: {hostNetwork: true, containers", 1)
}

func deploy(ns, name, meta string) string {
	if meta == "" {
		meta = "labels: {}"
	}
	return `
---
apiVersion: apps/v1
kind: Deployment
metadata: {name: ` + name + `, namespace: ` + ns + `}
spec:
  selector: {matchLabels: {x: y}}
  template:
    metadata: {` + meta + `}
    spec: {containers: [{name: c, image: x}]}
`
}

func TestComputeCountsByHand(t *testing.T) {
	g := graph.Load([]source.Source{{Path: "mesh.yaml", Content: []byte(fixture)}}, graph.DefaultOptions())
	rep := coverage.Compute(g)
	// 10 workloads: sidecar a1 b1 d2, ambient c1, outside a2 a3 b2 d1 k1,
	// unknown e1 (namespace e not in the files): 4 of 9 known = 44.4%.
	tot := rep.Totals
	if tot.Workloads != 10 || tot.Sidecar != 3 || tot.Ambient != 1 || tot.Outside != 5 || tot.Unknown != 1 || tot.OutsideWithPolicy != 2 {
		t.Errorf("totals = %+v", tot)
	}
	if tot.Percent == nil || *tot.Percent != 400.0/9 {
		t.Errorf("percent = %v, want 44.4%%", tot.PercentString())
	}
	want := map[string]string{
		"a1": "sidecar namespace-label", "a2": "outside pod-label", "a3": "outside host-network",
		"b1": "sidecar revision-label", "b2": "outside pod-annotation", "c1": "ambient ambient",
		"d1": "outside no-label", "d2": "sidecar revision-label", "k1": "outside system-namespace",
		"e1": "unknown namespace-unknown",
	}
	percents := map[string]string{"a": "33.3%", "b": "50.0%", "c": "100.0%", "d": "50.0%", "kube-system": "0.0%", "e": "n/a"}
	for _, ns := range rep.Namespaces {
		if got := ns.Totals.PercentString(); got != percents[ns.Name] {
			t.Errorf("namespace %s: %s in the mesh, want %s", ns.Name, got, percents[ns.Name])
		}
		for _, w := range ns.Workloads {
			if got := w.Mode + " " + w.Cause; got != want[w.Name] {
				t.Errorf("%s: %s (%s), want %s", w.Name, got, w.Reason, want[w.Name])
			}
			// d1 by selector, b2 by a targetRef to its Service.
			if (len(w.Policies) > 0) != (w.Name == "d1" || w.Name == "b2") {
				t.Errorf("%s: policies %v", w.Name, w.Policies)
			}
		}
	}
	var text bytes.Buffer
	if _, err := coverage.Write(&text, "text", rep); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text.String(), "total: 10 workloads: 3 sidecar, 1 ambient, 5 outside, 1 unknown; 44.4% in the mesh; 2 outside but selected by Istio policy") {
		t.Errorf("text:\n%s", text.String())
	}
}
