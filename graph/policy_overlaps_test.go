package graph

import (
	"fmt"
	"strings"
	"testing"
)

// TestPolicyOverlapsAndDefaults: workloads two Sidecars select, selector-less
// Sidecars grouped per namespace (targetRefs and a shadowed copy left out),
// and the namespaces whose workloads the files show.
func TestPolicyOverlapsAndDefaults(t *testing.T) {
	pod := func(ns, name, labels string) string {
		return fmt.Sprintf("apiVersion: v1\nkind: Pod\nmetadata: {name: %s, namespace: %s, labels: %s}\nspec: {containers: [{name: a, image: a}]}\n", name, ns, labels)
	}
	sidecar := func(ns, name, spec string) string {
		return fmt.Sprintf("apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: %s, namespace: %s}\nspec: %s\n", name, ns, spec)
	}
	g := loadYAML(t, strings.Join([]string{
		pod("apps", "web", "{app: web, tier: front}"), pod("apps", "db", "{app: db}"),
		sidecar("apps", "by-app", "{workloadSelector: {labels: {app: web}}}"),
		sidecar("apps", "by-tier", "{workloadSelector: {labels: {tier: front}}}"),
		sidecar("apps", "db", "{workloadSelector: {labels: {app: db}}}"),
		sidecar("apps", "default", "{egress: [{hosts: ['./*']}]}"),
		sidecar("apps", "default", "{egress: [{hosts: ['./*']}]}"),
		sidecar("apps", "other", "{egress: [{hosts: ['./*']}]}"),
		sidecar("team", "only", "{egress: [{hosts: ['./*']}]}"),
	}, "---\n"))
	overlaps := g.PolicyOverlaps(KindSidecar)
	if len(overlaps) != 1 || overlaps[0].Workload.String() != "Pod apps/web" || len(overlaps[0].Policies) != 2 {
		t.Errorf("overlaps %v; want Pod apps/web selected by by-app and by-tier", overlaps)
	}
	groups := g.NamespaceDefaultPolicies(KindSidecar)
	if len(groups) != 2 || len(groups[0]) != 2 || groups[0][1].Name != "other" || len(groups[1]) != 1 {
		t.Errorf("default groups %v; want [[apps/default apps/other] [team/only]]", groups)
	}
	for ns, want := range map[string]bool{"apps": true, "team": false, "": true, "istio-system": false} {
		if got := g.WorkloadsShownIn(ns); got != want {
			t.Errorf("WorkloadsShownIn(%q) = %v; want %v", ns, got, want)
		}
	}
}

// TestWorkloadsShownBeside: a policy sees the workloads of the files in
// its own directory only.
func TestWorkloadsShownBeside(t *testing.T) {
	g := loadFiles(t, DefaultOptions(),
		"apps/web.yaml", "apiVersion: v1\nkind: Pod\nmetadata: {name: web, namespace: apps, labels: {app: web}}\nspec: {containers: [{name: a, image: a}]}\n",
		"apps/policy.yaml", "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: s, namespace: apps}\nspec: {workloadSelector: {labels: {app: db}}}\n",
		"docs/policy.yaml", "apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata: {name: s, namespace: other}\nspec: {workloadSelector: {labels: {app: db}}}\n")
	near, far := mustGet(t, g, KindSidecar, "apps", "s"), mustGet(t, g, KindSidecar, "other", "s")
	for _, tt := range []struct {
		r    *Resource
		ns   string
		want bool
	}{{near, "apps", true}, {near, "", true}, {near, "other", false}, {far, "apps", false}, {far, "", false}} {
		if got := g.WorkloadsShownBeside(tt.r, tt.ns); got != tt.want {
			t.Errorf("WorkloadsShownBeside(%s, %q) = %v; want %v", tt.r, tt.ns, got, tt.want)
		}
	}
	if edges := g.UnmatchedPolicySelectors(KindSidecar); len(edges) != 1 || edges[0].From != near {
		t.Errorf("unmatched %v; want the Sidecar beside apps/web only", edges)
	}
}
