package graph

import (
	"strings"
	"testing"
)

// TestReleasedDocumentsParseAgain: Load releases the node trees of the
// documents without aliases; lookups parse them again and must find the
// same positions as the tree first parsed, for List items, documents after
// a `...` end marker, CRLF files and %YAML directives.
func TestReleasedDocumentsParseAgain(t *testing.T) {
	text := lines(
		"%YAML 1.2",
		"---",
		"apiVersion: v1",
		"kind: List",
		"items:",
		"- apiVersion: v1",
		"  kind: List",
		"  items:",
		"  - {apiVersion: v1, kind: Service, metadata: {name: deep}, spec: {ports: [{port: 80}]}}",
		"- apiVersion: v1",
		"  kind: Service",
		"  metadata: {name: shallow}",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: before-end",
		"...",
		"---",
		"apiVersion: v1",
		"kind: Service",
		"metadata:",
		"  name: after-end",
		"  labels: {a: b}",
	)
	for _, content := range []string{text, strings.ReplaceAll(text, "\n", "\r\n")} {
		src := Source{Path: "f.yaml", Content: []byte(content)}
		g := Load([]Source{src}, DefaultOptions())
		fresh := LoadFile(src, DefaultOptions().Limits) // never released
		if len(g.Resources) != 4 || len(fresh.Documents) != 4 {
			t.Fatalf("%d resources, %d documents; want 4 (problems %+v)", len(g.Resources), len(fresh.Documents), g.Problems)
		}
		for i, r := range g.Resources {
			d := r.Doc
			if d.node != nil {
				t.Errorf("%s: the tree was not released", r)
			}
			for _, path := range []string{"", "metadata.name", "metadata", "spec.ports[0].port", "metadata.labels.a", "kind"} {
				if got, want := d.Range(path), fresh.Documents[i].Range(path); got != want {
					t.Errorf("%s: Range(%q) = %+v after release; want %+v", r, path, got, want)
				}
			}
			if d.ItemPath != fresh.Documents[i].ItemPath || d.Start() != fresh.Documents[i].Start() {
				t.Errorf("%s: item path %q start %+v; want %q %+v", r, d.ItemPath, d.Start(), fresh.Documents[i].ItemPath, fresh.Documents[i].Start())
			}
		}
	}
}

// TestDocumentsWithAliasesKeepTheirTree: Build decides what their aliases
// may add, so Load leaves them parsed.
func TestDocumentsWithAliasesKeepTheirTree(t *testing.T) {
	g := loadYAML(t, lines("apiVersion: v1", "kind: Service", "metadata: {name: a, labels: &l {app: a}, annotations: *l}"))
	if len(g.Resources) != 1 || g.Resources[0].Doc.node == nil {
		t.Fatalf("resources %d; want one with its tree", len(g.Resources))
	}
}

// TestResourceHasAgreesWithLookup: Has reads the object, Lookup the tree;
// rules use Has so that clean documents are never parsed again.
func TestResourceHasAgreesWithLookup(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: r, labels: {a.b/c: x}}",
		"spec:",
		"  hosts: [r]",
		"  gateways:",
		"  http:",
		"  - route: [{destination: {host: r}}]",
	))
	r := mustGet(t, g, KindVirtualService, "default", "r")
	for _, path := range []string{"spec.hosts", "spec.hosts[0]", "spec.hosts[1]", "spec.gateways", "spec.tcp",
		"spec.http[0].route[0].destination.host", "spec.http[0].route[0].destination.port", `metadata.labels["a.b/c"]`, "spec.hosts.x", "["} {
		_, _, want := r.Doc.Lookup(path)
		if got := r.Has(path); got != want {
			t.Errorf("Has(%q) = %v; Lookup finds it: %v", path, got, want)
		}
	}
}
