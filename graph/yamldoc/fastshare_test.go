package yamldoc

import (
	"fmt"
	"reflect"
	"strings"
	"testing"
)

// TestFastPathSharesIdenticalCollections checks which collections the
// fast path shares: those with the same entries in the same order,
// scalars of the same type, whatever their style, never a document's
// root.
func TestFastPathSharesIdenticalCollections(t *testing.T) {
	lf := loadText(lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: web",
		"  labels: {app: web, version: v1}",
		"spec:",
		"  selector:",
		"    app: web",
		"    version: v1",
		"  ports:",
		"  - {name: http, port: 80}",
		"  tags: [a, b]",
		"  flags: {tls: true, n: 1}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: web",
		"  labels:",
		"    app: web",
		"    version: v1",
		"spec:",
		"  selector:",
		"    version: v1",
		"    app: web",
		"  ports:",
		"  - name: http",
		"    port: 80",
		"  tags:",
		"  - a",
		"  - b",
		"  flags: {tls: \"true\", n: \"1\"}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: web",
		"  labels: {app: web, version: v1}",
		"spec:",
		"  selector:",
		"    app: web",
		"    version: v1",
		"  ports:",
		"  - {name: http, port: 80}",
		"  tags: [a, b]",
		"  flags: {tls: true, n: 1}",
	))
	if len(lf.Documents) != 3 {
		t.Fatalf("got %d documents, want 3", len(lf.Documents))
	}
	var docs [3]map[string]any
	for i, d := range lf.Documents {
		if !d.converted {
			t.Fatalf("document %d was not read on the fast path", i)
		}
		docs[i] = d.value.(map[string]any)
	}
	at := func(doc int, path ...string) any {
		var v any = docs[doc]
		for _, k := range path {
			v = v.(map[string]any)[k]
		}
		return v
	}
	shared := []struct {
		what string
		a, b any
	}{
		{"flow and block labels", at(0, "metadata", "labels"), at(1, "metadata", "labels")},
		{"labels and selector", at(0, "metadata", "labels"), at(0, "spec", "selector")},
		{"ports, flow and block", at(0, "spec", "ports"), at(1, "spec", "ports")},
		{"tags, flow and block", at(0, "spec", "tags"), at(1, "spec", "tags")},
		{"metadata of equal documents", at(0, "metadata"), at(2, "metadata")},
		{"spec of equal documents", at(0, "spec"), at(2, "spec")},
	}
	for _, c := range shared {
		if !sameCollection(c.a, c.b) {
			t.Errorf("%s: not shared", c.what)
		}
	}
	apart := []struct {
		what string
		a, b any
	}{
		{"selectors with keys in another order", at(0, "spec", "selector"), at(1, "spec", "selector")},
		{"true and 1 against strings", at(0, "spec", "flags"), at(1, "spec", "flags")},
		{"specs that differ inside", at(0, "spec"), at(1, "spec")},
		{"roots of equal documents", docs[0], docs[2]},
	}
	for _, c := range apart {
		if sameCollection(c.a, c.b) {
			t.Errorf("%s: shared", c.what)
		}
	}
	for _, seq := range []any{at(0, "spec", "ports"), at(1, "spec", "tags")} {
		if s := seq.([]any); len(s) != cap(s) {
			t.Errorf("sequence %v has room for %d items: appending to it would write into a shared array", s, cap(s))
		}
	}
}

// sameCollection reports whether a and b are the same map or the same
// slice, not merely equal ones.
func sameCollection(a, b any) bool {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	return va.Kind() == vb.Kind() && (va.Kind() == reflect.Map || va.Kind() == reflect.Slice) &&
		va.UnsafePointer() == vb.UnsafePointer() && va.Len() == vb.Len()
}

// TestFastPathReadsLargeCollectionsAlone checks collections past
// maxSharedEntries, which are read on their own, against yaml.v3: block
// and flow, a duplicate key before and after the switch.
func TestFastPathReadsLargeCollectionsAlone(t *testing.T) {
	n := maxSharedEntries + 40
	var flowSeq, flowMap, blockSeq, blockMap []string
	for i := range n {
		flowSeq = append(flowSeq, fmt.Sprint(i))
		flowMap = append(flowMap, fmt.Sprintf("k%d: %d", i, i))
		blockSeq = append(blockSeq, fmt.Sprintf("  - %d", i))
		blockMap = append(blockMap, fmt.Sprintf("  k%d: %d", i, i))
	}
	head := "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\n"
	cases := map[string]string{
		"flow sequence":              head + "data: [" + strings.Join(flowSeq, ", ") + "]\n",
		"flow mapping":               head + "data: {" + strings.Join(flowMap, ", ") + "}\n",
		"block sequence":             head + "data:\n" + lines(blockSeq...),
		"block mapping":              head + "data:\n" + lines(blockMap...),
		"duplicate before switching": head + "data:\n" + lines(append([]string{"  k3: 0"}, blockMap...)...),
		"duplicate after switching":  head + "data:\n" + lines(append(blockMap, "  k3: 0")...),
		"flow duplicate after":       head + "data: {" + strings.Join(append(flowMap, "k3: 0"), ", ") + "}\n",
	}
	for name, text := range cases {
		t.Run(name, func(t *testing.T) {
			read := compareFast(t, "big.yaml", []byte(text), Limits{})
			if dup := strings.Contains(name, "duplicate"); read == dup {
				t.Errorf("read on the fast path: %v, want %v", read, !dup)
			}
		})
	}
}
