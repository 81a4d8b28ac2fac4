package graph

import (
	"fmt"
	"strings"
	"testing"
)

func seYAML(ns, name, host string, port int, proto, exportTo string) string {
	return fmt.Sprintf(`apiVersion: networking.istio.io/v1
kind: ServiceEntry
metadata: {name: %s, namespace: %s}
spec:
  hosts: [%s]
  ports: [{number: %d, name: p, protocol: %s}]
  resolution: DNS
  exportTo: [%s]
`, name, ns, host, port, proto, exportTo)
}

func TestServiceEntryProtocolClashes(t *testing.T) {
	tests := []struct {
		name string
		docs []string
		want []string // entry names that clash
	}{
		{"HTTP and HTTPS on one port", []string{seYAML("a", "x", "ex.com", 80, "HTTP", `"*"`), seYAML("a", "y", "ex.com", 80, "HTTPS", `"*"`)}, []string{"x", "y"}},
		{"protocol case does not matter", []string{seYAML("a", "x", "ex.com", 80, "http", `"*"`), seYAML("a", "y", "ex.com", 80, "HTTP", `"*"`)}, nil},
		{"other port", []string{seYAML("a", "x", "ex.com", 80, "HTTP", `"*"`), seYAML("a", "y", "ex.com", 81, "HTTPS", `"*"`)}, nil},
		{"private to two namespaces", []string{seYAML("a", "x", "ex.com", 80, "HTTP", `"."`), seYAML("b", "y", "ex.com", 80, "HTTPS", `"."`)}, nil},
		{"public and private", []string{seYAML("a", "x", "ex.com", 80, "HTTP", `"*"`), seYAML("b", "y", "ex.com", 80, "HTTPS", `"."`)}, []string{"x", "y"}},
		{"exported to one shared namespace", []string{seYAML("a", "x", "ex.com", 80, "HTTP", `c`), seYAML("b", "y", "ex.com", 80, "HTTPS", `c`)}, []string{"x", "y"}},
		{"exported to no one", []string{seYAML("a", "x", "ex.com", 80, "HTTP", `"*"`), seYAML("b", "y", "ex.com", 80, "HTTPS", `"~"`)}, nil},
		{"placeholder host", []string{seYAML("a", "x", `"${H}"`, 80, "HTTP", `"*"`), seYAML("a", "y", `"${H}"`, 80, "HTTPS", `"*"`)}, nil},
	}
	for _, tt := range tests {
		g := loadYAML(t, strings.Join(tt.docs, "---\n"))
		var got []string
		for _, c := range g.ServiceEntryProtocolClashes() {
			got = append(got, c.Entry.Name)
		}
		if fmt.Sprint(got) != fmt.Sprint(tt.want) {
			t.Errorf("%s: clashes %v; want %v", tt.name, got, tt.want)
		}
	}
}
