package graph

import "testing"

func TestNamespaceKnown(t *testing.T) {
	objects := lines(
		"apiVersion: v1",
		"kind: Namespace",
		"metadata: {name: shop}",
		"---",
		"apiVersion: v1",
		"kind: ConfigMap",
		"metadata: {name: c, namespace: billing}",
	)
	opts := DefaultOptions()
	opts.Externals.Namespaces = []string{"team-*"}
	g := loadYAMLOpts(t, opts, objects)
	if !g.NamespacesListed() {
		t.Error("a Namespace object lists namespaces")
	}
	for ns, want := range map[string]bool{"shop": true, "billing": true, "istio-system": true, "kube-system": true, "default": true,
		"team-a": true, "team": false, "shopp": false} {
		if got := g.NamespaceKnown(ns); got != want {
			t.Errorf("NamespaceKnown(%q) = %v; want %v", ns, got, want)
		}
	}
	want := []string{"billing", "default", "istio-system", "kube-node-lease", "kube-public", "kube-system", "shop"}
	if got := g.KnownNamespaces(); !equalStrings(got, want) {
		t.Errorf("KnownNamespaces() = %q; want %q", got, want)
	}
	if g := loadYAML(t, lines("apiVersion: v1", "kind: ConfigMap", "metadata: {name: c, namespace: billing}")); g.NamespacesListed() {
		t.Error("without Namespace objects or externals the input lists no namespaces")
	}
	opts = DefaultOptions()
	opts.Externals.Namespaces = []string{"monitoring"}
	if g := loadYAML(t, ""); !loadYAMLOpts(t, opts, "").NamespacesListed() || g.NamespaceKnown("monitoring") {
		t.Error("externals.namespaces list namespaces")
	}
}

func TestExportEntries(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: v1",
		"kind: Service",
		"metadata: {name: s, namespace: a, annotations: {networking.istio.io/exportTo: ' ., b '}}",
		"spec: {ports: [{port: 80}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: ServiceEntry",
		"metadata: {name: e, namespace: a}",
		"spec: {hosts: [x.example.com], exportTo: ['~'], ports: [{number: 80, name: http, protocol: HTTP}]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: VirtualService",
		"metadata: {name: v, namespace: a}",
		"spec: {hosts: [x.example.com], exportTo: ['.', c]}",
		"---",
		"apiVersion: networking.istio.io/v1",
		"kind: Gateway",
		"metadata: {name: g, namespace: a}",
		"spec: {selector: {istio: ingressgateway}}",
	))
	var got []string
	for _, r := range g.Resources {
		for _, e := range ExportEntries(r) {
			got = append(got, r.Kind+" "+e.Value+" "+e.Path)
		}
	}
	want := []string{
		`Service . metadata.annotations["networking.istio.io/exportTo"]`,
		`Service b metadata.annotations["networking.istio.io/exportTo"]`,
		"ServiceEntry ~ spec.exportTo[0]",
		"VirtualService . spec.exportTo[0]",
		"VirtualService c spec.exportTo[1]",
	}
	if !equalStrings(got, want) {
		t.Errorf("entries %q; want %q", got, want)
	}
}
