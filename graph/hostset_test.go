package graph

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// TestHostSetMatchesLikeHostsMatch compares HostSet.Match with HostsMatch
// against every host of the set, on random sets of plain hosts, aligned
// and unaligned wildcards drawn from a few labels so that they overlap.
func TestHostSetMatchesLikeHostsMatch(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 1))
	for range 2000 {
		hosts := make([]string, rng.IntN(6))
		for i := range hosts {
			hosts[i] = randomHost(rng)
		}
		set := NewHostSet(hosts...)
		for range 20 {
			q := randomHost(rng)
			want := slices.ContainsFunc(hosts, func(h string) bool { return HostsMatch(h, q) })
			if got := set.Match(q); got != want {
				t.Fatalf("NewHostSet(%q).Match(%q) = %v; want %v", hosts, q, got, want)
			}
		}
	}
}

func randomHost(rng *rand.Rand) string {
	labels := []string{"a", "b", "ab", "ba", "com"}
	var h string
	for i := range rng.IntN(4) {
		if i > 0 {
			h = "." + h
		}
		h = labels[rng.IntN(len(labels))] + h
	}
	switch rng.IntN(4) {
	case 0:
		return "*." + h // aligned wildcard ("*." alone too)
	case 1:
		return "*" + h // "*", or unaligned
	}
	return h
}

func TestHostSet(t *testing.T) {
	set := NewHostSet("shop.example.com", "*.internal.example.com", "reviews.default.svc.cluster.local")
	for _, tt := range []struct {
		host string
		want bool
	}{
		{"shop.example.com", true},
		{"hop.example.com", false},
		{"a.internal.example.com", true},
		{"internal.example.com", false},
		{"*.example.com", true},
		{"*.com", true},
		{"*", true},
		{"*.b.internal.example.com", true},
		{"*.other.com", false},
		{"*example.com", true},
		{"*xample.org", false},
	} {
		if got := set.Match(tt.host); got != tt.want {
			t.Errorf("Match(%q) = %v; want %v", tt.host, got, tt.want)
		}
	}
	if NewHostSet().Match("*") {
		t.Error("an empty set matches *")
	}
}
