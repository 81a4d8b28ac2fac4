package schema

import (
	"strings"
	"testing"

	"github.com/meshlint/meshlint/schemas"
)

// What a CRD-defined kind serves comes from its CRD: the hand-written
// removals must name no group and kind that an embedded CRD defines, or
// the list could contradict the CRD bundle.
func TestRemovedAPIsNameNoCRDKind(t *testing.T) {
	reg := schemas.NewRegistry()
	for _, a := range removedAPIs {
		group, _, found := strings.Cut(a.apiVersion, "/")
		if !found {
			group = ""
		}
		for _, kind := range a.kinds {
			for _, v := range schemas.Versions(group, kind) {
				e, ok, err := reg.Lookup(schemas.GVK{Group: group, Version: v, Kind: kind})
				if err != nil || (ok && !e.BuiltIn()) {
					t.Errorf("%s %s: a CRD defines the kind (%v, err %v); its served versions must come from the CRD", a.apiVersion, kind, e.Origin, err)
				}
			}
		}
		if kinds := schemas.Kinds(group); a.kinds == nil && len(kinds) > 0 {
			t.Errorf("%s: embedded CRDs define kinds of the group: %v", a.apiVersion, kinds)
		}
	}
}

// TestIsStableAsKubeVersion: isStable is kubeVersion without a suffix.
func TestIsStableAsKubeVersion(t *testing.T) {
	for _, v := range []string{"v1", "v2", "v10", "v1beta1", "v1alpha3", "v", "", "1", "va", "v1x", "v١", "vv1", "v1 "} {
		m := kubeVersion.FindStringSubmatch(v)
		if want := m != nil && m[2] == ""; isStable(v) != want {
			t.Errorf("isStable(%q) = %v, want %v", v, !want, want)
		}
	}
}
