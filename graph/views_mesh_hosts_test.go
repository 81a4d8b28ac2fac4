package graph

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestMeshHostTiers(t *testing.T) {
	vs := func(ns, name, spec string) string {
		return lines("---", "apiVersion: networking.istio.io/v1", "kind: VirtualService",
			"metadata: {name: "+name+", namespace: "+ns+"}", "spec: "+spec)
	}
	g := loadYAML(t, vs("a", "public1", "{hosts: [reviews, '*.example.com']}")+
		vs("b", "public2", "{hosts: [reviews.a.svc.cluster.local]}")+
		vs("a", "private1", "{hosts: [reviews], exportTo: [.]}")+
		vs("a", "private2", "{hosts: [reviews], exportTo: [., c]}")+
		vs("b", "toC", "{hosts: [reviews.a.svc.cluster.local], exportTo: [c]}")+
		vs("a", "nowhere", "{hosts: [reviews], exportTo: ['~']}")+
		vs("a", "wild", "{hosts: ['*.example.com', www.example.com]}")+
		vs("a", "gateway", "{hosts: [reviews], gateways: [edge]}")+
		vs("a", "template", "{hosts: ['{{ .Values.host }}']}"))
	var got []string
	for _, tier := range g.MeshHostTiers() {
		var names []string
		for _, c := range tier.Claims {
			names = append(names, fmt.Sprintf("%s[%d]", c.VirtualService.Name, c.Index))
		}
		got = append(got, tier.Host+": "+strings.Join(names, " "))
	}
	want := []string{
		"*.example.com: public1[1] wild[0]",
		// public, then private to a, then exported to c from a and from b
		"reviews.a.svc.cluster.local: public1[0] public2[0]",
		"reviews.a.svc.cluster.local: private1[0] private2[0]",
		"reviews.a.svc.cluster.local: private2[0] toC[0]",
	}
	if !slices.Equal(got, want) {
		t.Errorf("MeshHostTiers() =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestMeshHostTiersPairwise checks the tiers against the pairwise
// definition: two claims of a host are rivals when some namespace other
// than "~" sees both with the same precedence (both public; or both
// exported to it, both from it or both from elsewhere).
func TestMeshHostTiersPairwise(t *testing.T) {
	rng := rand.New(rand.NewPCG(17, 3))
	exports := []string{"", "[.]", "[a]", "[b]", "['~']", "[a, b]", "[., b]", "['*', a]"}
	for range 200 {
		var yaml strings.Builder
		for i := range 2 + rng.IntN(5) {
			spec := "{hosts: [reviews.a.svc.cluster.local]"
			if e := exports[rng.IntN(len(exports))]; e != "" {
				spec += ", exportTo: " + e
			}
			fmt.Fprintf(&yaml, "---\napiVersion: networking.istio.io/v1\nkind: VirtualService\nmetadata: {name: v%d, namespace: %s}\nspec: %s}\n",
				i, []string{"a", "b"}[rng.IntN(2)], spec)
		}
		g := loadYAML(t, yaml.String())
		if got, want := tierRivals(g), pairwiseRivals(g); !slices.Equal(got, want) {
			t.Fatalf("%s\nrivals from tiers %q; pairwise %q", yaml.String(), got, want)
		}
	}
}

func tierRivals(g *Graph) []string {
	var out []string
	for _, tier := range g.MeshHostTiers() {
		for _, a := range tier.Claims {
			for _, b := range tier.Claims {
				if a.VirtualService != b.VirtualService {
					out = append(out, a.VirtualService.Name+"-"+b.VirtualService.Name)
				}
			}
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

func pairwiseRivals(g *Graph) []string {
	var out []string
	vss := g.OfKind(KindVirtualService)
	for _, a := range vss {
		for _, b := range vss {
			if a != b && sameTierPairwise(a, b) {
				out = append(out, a.Name+"-"+b.Name)
			}
		}
	}
	slices.Sort(out)
	return out
}

func sameTierPairwise(a, b *Resource) bool {
	sa := exportScopes(a.VirtualService().GetExportTo(), a.Namespace)
	sb := exportScopes(b.VirtualService().GetExportTo(), b.Namespace)
	if slices.Contains(sa, ScopePublic) || slices.Contains(sb, ScopePublic) {
		return slices.Contains(sa, ScopePublic) && slices.Contains(sb, ScopePublic)
	}
	return slices.ContainsFunc(sa, func(ns string) bool {
		return ns != "~" && slices.Contains(sb, ns) && (ns == a.Namespace) == (ns == b.Namespace)
	})
}
