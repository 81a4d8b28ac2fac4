package graph

import "testing"

func TestFQDN(t *testing.T) {
	tests := []struct {
		host, ns, domain, want string
	}{
		{"reviews", "bookinfo", "cluster.local", "reviews.bookinfo.svc.cluster.local"},
		{"reviews", "bookinfo", "corp.internal", "reviews.bookinfo.svc.corp.internal"},
		{"reviews", "", "cluster.local", "reviews..svc.cluster.local"},
		// Anything with a dot is literal, even when it looks like a short form.
		{"reviews.bookinfo", "default", "cluster.local", "reviews.bookinfo"},
		{"reviews.bookinfo.svc", "default", "cluster.local", "reviews.bookinfo.svc"},
		{"reviews.bookinfo.svc.cluster.local", "default", "cluster.local", "reviews.bookinfo.svc.cluster.local"},
		{"api.example.com", "default", "cluster.local", "api.example.com"},
		// Wildcards and the empty host are left alone.
		{"*", "default", "cluster.local", "*"},
		{"*.example.com", "default", "cluster.local", "*.example.com"},
		{"*reviews", "default", "cluster.local", "*reviews"},
		{"", "default", "cluster.local", ""},
	}
	for _, tt := range tests {
		if got := FQDN(tt.host, tt.ns, tt.domain); got != tt.want {
			t.Errorf("FQDN(%q, %q, %q) = %q; want %q", tt.host, tt.ns, tt.domain, got, tt.want)
		}
	}
}

func TestSplitServiceFQDN(t *testing.T) {
	tests := []struct {
		host, domain string
		name, ns     string
		ok           bool
	}{
		{"reviews.bookinfo.svc.cluster.local", "cluster.local", "reviews", "bookinfo", true},
		{"a.b.c.svc.cluster.local", "cluster.local", "a.b", "c", true}, // the name part is greedy
		{"reviews.bookinfo.svc.corp.internal", "corp.internal", "reviews", "bookinfo", true},
		{"reviews.bookinfo.svc.cluster.local", "corp.internal", "", "", false},
		{"reviews.bookinfo.svc.corp.internal", "cluster.local", "", "", false},
		{"api.example.com", "cluster.local", "", "", false},
		{"bookinfo.svc.cluster.local", "cluster.local", "", "", false},
		{".bookinfo.svc.cluster.local", "cluster.local", "", "", false},
		{"reviews..svc.cluster.local", "cluster.local", "", "", false},
		{"svc.cluster.local", "cluster.local", "", "", false},
		{"reviews.bookinfo.svc.cluster.local.", "cluster.local", "", "", false},
		{"reviews.bookinfo.svc.xcluster.local", "cluster.local", "", "", false},
		{"", "cluster.local", "", "", false},
	}
	for _, tt := range tests {
		name, ns, ok := SplitServiceFQDN(tt.host, tt.domain)
		if name != tt.name || ns != tt.ns || ok != tt.ok {
			t.Errorf("SplitServiceFQDN(%q, %q) = %q, %q, %v; want %q, %q, %v", tt.host, tt.domain, name, ns, ok, tt.name, tt.ns, tt.ok)
		}
	}
}

func TestHostsMatch(t *testing.T) {
	tests := []struct {
		a, b string
		want bool
	}{
		// Two plain hosts: equality, case-sensitive.
		{"a.example.com", "a.example.com", true},
		{"a.example.com", "b.example.com", false},
		{"A.example.com", "a.example.com", false},
		{"reviews", "reviews.default.svc.cluster.local", false},
		// A wildcard and a plain host: suffix match.
		{"*.example.com", "a.example.com", true},
		{"*.example.com", "a.b.example.com", true},
		{"*.example.com", "example.com", false},
		{"*.com", "com", false},
		{"*.com", "a.com", true},
		{"*.example.com", "a.example.org", false},
		{"*example.com", "example.com", true},
		{"*example.com", "myexample.com", true},
		{"*", "anything.at.all", true},
		{"*", "a", true},
		// Two wildcards: the shorter suffix must end the longer.
		{"*", "*", true},
		{"*", "*.example.com", true},
		{"*.com", "*.example.com", true},
		{"*.example.com", "*.example.com", true},
		{"*.a.com", "*.b.com", false},
		{"*.example.com", "*.com.example", false},
		{"*.b.example.com", "*.example.com", true},
	}
	for _, tt := range tests {
		if got := HostsMatch(tt.a, tt.b); got != tt.want {
			t.Errorf("HostsMatch(%q, %q) = %v; want %v", tt.a, tt.b, got, tt.want)
		}
		if got := HostsMatch(tt.b, tt.a); got != tt.want {
			t.Errorf("HostsMatch(%q, %q) = %v; want %v (symmetry)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestIsWildcard(t *testing.T) {
	for host, want := range map[string]bool{"*": true, "*.a.com": true, "a.*.com": false, "a.com": false, "": false} {
		if got := IsWildcard(host); got != want {
			t.Errorf("IsWildcard(%q) = %v", host, got)
		}
	}
}

func TestExportScopes(t *testing.T) {
	tests := []struct {
		exportTo []string
		own      string
		want     []string
	}{
		{nil, "bookinfo", []string{"*"}},
		{[]string{}, "bookinfo", []string{"*"}},
		{[]string{"*"}, "bookinfo", []string{"*"}},
		{[]string{"."}, "bookinfo", []string{"bookinfo"}},
		{[]string{".", "istio-system"}, "bookinfo", []string{"bookinfo", "istio-system"}},
		{[]string{"a", "*", "b"}, "bookinfo", []string{"*"}}, // * makes the rest moot
		{[]string{".", "bookinfo", " . "}, "bookinfo", []string{"bookinfo"}},
		{[]string{"~"}, "bookinfo", []string{"~"}}, // a namespace no one is in
		{[]string{" team "}, "bookinfo", []string{"team"}},
	}
	for _, tt := range tests {
		if got := exportScopes(tt.exportTo, tt.own); !equalStrings(got, tt.want) {
			t.Errorf("exportScopes(%q, %q) = %q; want %q", tt.exportTo, tt.own, got, tt.want)
		}
	}
}

func TestServiceExportTo(t *testing.T) {
	tests := []struct {
		annotation string
		set        bool
		want       []string
	}{
		{"", false, nil},
		{"", true, nil},
		{"  ", true, nil},
		{".", true, []string{"."}},
		{"., team ,ops", true, []string{".", "team", "ops"}},
		{"a,,b,", true, []string{"a", "b"}},
		{"*", true, []string{"*"}},
	}
	for _, tt := range tests {
		r := &Resource{}
		if tt.set {
			r.Annotations = map[string]string{AnnotationExportTo: tt.annotation}
		}
		if got := serviceExportTo(r); !equalStrings(got, tt.want) {
			t.Errorf("serviceExportTo(%q) = %q; want %q", tt.annotation, got, tt.want)
		}
	}
}
