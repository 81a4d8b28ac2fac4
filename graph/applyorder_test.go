package graph

import "testing"

// Apply order is the files in load order, then documents in file order; the first
// copy of an object is when it starts to exist.
func TestApplyOrder(t *testing.T) {
	cm := func(name string) string {
		return lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: "+name+", namespace: shop}")
	}
	g := loadFiles(t, DefaultOptions(),
		"a.yaml", cm("first")+"---\n"+cm("second"),
		"b.yaml", cm("third")+"---\n"+cm("first"))
	var got []string
	for _, r := range g.Resources {
		got = append(got, r.Name)
	}
	if want := []string{"first", "second", "third", "first"}; !equalStrings(got, want) {
		t.Fatalf("resources in %v; want apply order %v", got, want)
	}
	for i, r := range g.Resources {
		if r.ApplyIndex() != i {
			t.Errorf("%s: ApplyIndex %d; want %d", r.Name, r.ApplyIndex(), i)
		}
	}
	winner := mustGet(t, g, GroupKind{"", "ConfigMap"}, "shop", "first")
	if first := g.FirstCopy(winner); first != g.Resources[0] {
		t.Errorf("FirstCopy of %s is at %d; want the copy at 0", winner.Name, first.ApplyIndex())
	}
	if first := g.FirstApplied([]*Resource{g.Resources[2], winner}); first != g.Resources[0] {
		t.Errorf("FirstApplied is at %d; want 0", first.ApplyIndex())
	}
	for _, r := range g.Implied {
		if r.ApplyIndex() != -1 {
			t.Errorf("implied %s: ApplyIndex %d; want -1", r.Name, r.ApplyIndex())
		}
	}
}
