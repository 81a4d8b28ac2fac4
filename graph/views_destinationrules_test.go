package graph

import (
	"fmt"
	"slices"
	"testing"
)

// drYAML is a DestinationRule named name in namespace ns for host with
// the given extra spec fields.
func drYAML(ns, name, host, extra string) string {
	return lines(
		"apiVersion: networking.istio.io/v1",
		"kind: DestinationRule",
		fmt.Sprintf("metadata: {name: %s, namespace: %s}", name, ns),
		fmt.Sprintf("spec: {host: %s, subsets: [{name: v1, labels: {version: v1}}]%s}", host, extra),
		"---",
	)
}

func TestDestinationRuleMerges(t *testing.T) {
	tests := []struct {
		name   string
		second string // the later rule, "a" being bookinfo/a for reviews
		first  string // extra spec of a
		merged bool
	}{
		{"same host, short and long", drYAML("bookinfo", "b", "reviews.bookinfo.svc.cluster.local", ""), "", true},
		{"other namespace", drYAML("shop", "b", "reviews.bookinfo.svc.cluster.local", ""), "", false},
		{"other host", drYAML("bookinfo", "b", "ratings", ""), "", false},
		{"same exportTo", drYAML("bookinfo", "b", "reviews", ", exportTo: ['.']"), ", exportTo: ['.']", true},
		{"different exportTo", drYAML("bookinfo", "b", "reviews", ", exportTo: ['*']"), ", exportTo: ['.']", false},
		{"later exportTo contains earlier", drYAML("bookinfo", "b", "reviews", ", exportTo: ['.', shop]"), ", exportTo: ['.']", true},
		{"earlier without exportTo", drYAML("bookinfo", "b", "reviews", ", exportTo: ['*']"), "", false},
		{"same selector", drYAML("bookinfo", "b", "reviews", ", workloadSelector: {matchLabels: {app: x}}"), ", workloadSelector: {matchLabels: {app: x}}", true},
		{"other selector", drYAML("bookinfo", "b", "reviews", ", workloadSelector: {matchLabels: {app: y}}"), ", workloadSelector: {matchLabels: {app: x}}", false},
		{"one selector", drYAML("bookinfo", "b", "reviews", ", workloadSelector: {matchLabels: {app: y}}"), "", false},
	}
	for _, tt := range tests {
		g := loadYAML(t, drYAML("bookinfo", "a", "reviews", tt.first)+tt.second)
		merges := g.DestinationRuleMerges()
		if got := len(merges) == 1; got != tt.merged {
			t.Errorf("%s: %d merges; want merged %v", tt.name, len(merges), tt.merged)
			continue
		}
		if tt.merged && (merges[0].Rule.Name != "b" || len(merges[0].Earlier) != 1 || merges[0].Earlier[0].Name != "a") {
			t.Errorf("%s: %s merged into %v; want b into a", tt.name, merges[0].Rule, merges[0].Earlier)
		}
	}
}

// istiod puts the rules with a workloadSelector first, then orders by
// creation (apply order here).
func TestDestinationRuleMergesOrder(t *testing.T) {
	sel := ", workloadSelector: {matchLabels: {app: x}}"
	g := loadYAML(t, drYAML("bookinfo", "c", "reviews", "")+drYAML("bookinfo", "a", "reviews", "")+
		drYAML("bookinfo", "s2", "reviews", sel)+drYAML("bookinfo", "s1", "reviews", sel))
	var got []string
	for _, m := range g.DestinationRuleMerges() {
		var earlier []string
		for _, e := range m.Earlier {
			earlier = append(earlier, e.Name)
		}
		got = append(got, fmt.Sprintf("%s<%v", m.Rule.Name, earlier))
	}
	if want := []string{"s1<[s2]", "a<[c]"}; !slices.Equal(got, want) {
		t.Errorf("merges %q; want %q", got, want)
	}
}
