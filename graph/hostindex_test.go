package graph

import (
	"reflect"
	"testing"

	"github.com/meshlint/meshlint/graph/source"
)

var hostFixture = lines(
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: reviews, namespace: bookinfo}",
	"spec: {ports: [{port: 9080, targetPort: 8080}, {port: 9443}]}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: private, namespace: bookinfo, annotations: {networking.istio.io/exportTo: '.'}}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: shared, namespace: bookinfo, annotations: {networking.istio.io/exportTo: 'team, ops'}}",
	"---",
	"apiVersion: v1",
	"kind: Service",
	"metadata: {name: for-bogus, namespace: bookinfo, annotations: {networking.istio.io/exportTo: bogus}}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: ext, namespace: egress}",
	"spec: {hosts: [api.example.com, db], ports: [{number: 443, name: https, protocol: TLS}]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: private-ext, namespace: egress}",
	"spec: {hosts: [internal.example.com], exportTo: ['.']}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: wild, namespace: egress}",
	"spec: {hosts: ['*.wild.com']}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: exact-wild, namespace: egress}",
	"spec: {hosts: [exact.wild.com]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: wild-private, namespace: egress}",
	"spec: {hosts: ['*.private-wild.com'], exportTo: ['.']}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: wild-team, namespace: egress}",
	"spec: {hosts: ['*.team-wild.com'], exportTo: [team]}",
	"---",
	"apiVersion: networking.istio.io/v1",
	"kind: ServiceEntry",
	"metadata: {name: catch-all, namespace: catchall}",
	"spec: {hosts: ['*'], exportTo: ['.']}",
)

// hostEntryNames renders matched entries as "Kind ns/name", one per entry
// (a resource matched twice shows twice).
func hostEntryNames(es []*HostEntry) []string {
	out := []string{}
	for _, e := range es {
		out = append(out, e.Resource.String())
	}
	return out
}

func TestResolveHost(t *testing.T) {
	g := loadYAML(t, hostFixture)
	noProblems(t, g)
	const (
		reviews    = "Service bookinfo/reviews"
		private    = "Service bookinfo/private"
		shared     = "Service bookinfo/shared"
		forBogus   = "Service bookinfo/for-bogus"
		ext        = "ServiceEntry egress/ext"
		privateExt = "ServiceEntry egress/private-ext"
		wild       = "ServiceEntry egress/wild"
		exactWild  = "ServiceEntry egress/exact-wild"
		wildPriv   = "ServiceEntry egress/wild-private"
		wildTeam   = "ServiceEntry egress/wild-team"
		catchAll   = "ServiceEntry catchall/catch-all"
	)
	tests := []struct {
		name     string
		host, ns string
		exportTo []string
		want     []string
	}{
		{"short name in own namespace", "reviews", "bookinfo", nil, []string{reviews}},
		{"FQDN from another namespace", "reviews.bookinfo.svc.cluster.local", "default", nil, []string{reviews}},
		{"short name from another namespace", "reviews", "default", nil, nil},
		{"name.namespace is not expanded", "reviews.bookinfo", "bookinfo", nil, nil},
		{"empty host", "", "bookinfo", nil, nil},

		{"private Service from own namespace", "private", "bookinfo", nil, []string{private}},
		{"private Service from elsewhere", "private.bookinfo.svc.cluster.local", "default", nil, nil},
		// The referrer's exportTo decides which private scopes are searched
		// (upstream case hello-export-to-bogus).
		{"referrer exported to bogus", "private", "bookinfo", []string{"bogus"}, nil},
		{"referrer exported to .", "private", "bookinfo", []string{"."}, []string{private}},
		{"referrer exported to own namespace by name", "private", "bookinfo", []string{"bookinfo"}, []string{private}},
		{"referrer exported to . and own namespace", "private", "bookinfo", []string{".", "bookinfo"}, []string{private}},
		{"referrer exported to *", "private", "bookinfo", []string{"*"}, nil},
		{"referrer exported to bogus sees bogus scope", "for-bogus", "bookinfo", []string{"bogus"}, []string{forBogus}},
		{"referrer exported to bogus still sees public", "reviews", "bookinfo", []string{"bogus"}, []string{reviews}},

		{"Service exported to team, from team", "shared.bookinfo.svc.cluster.local", "team", nil, []string{shared}},
		{"Service exported to ops, from ops", "shared.bookinfo.svc.cluster.local", "ops", nil, []string{shared}},
		{"Service exported elsewhere, from own namespace", "shared", "bookinfo", nil, nil},
		{"Service exported elsewhere, from a third namespace", "shared.bookinfo.svc.cluster.local", "default", nil, nil},

		{"ServiceEntry host", "api.example.com", "default", nil, []string{ext}},
		{"ServiceEntry short host in own namespace", "db", "egress", nil, []string{ext}},
		{"ServiceEntry short host as FQDN", "db.egress.svc.cluster.local", "default", nil, []string{ext}},
		{"ServiceEntry short host from elsewhere", "db", "default", nil, nil},
		{"private ServiceEntry from own namespace", "internal.example.com", "egress", nil, []string{privateExt}},
		{"private ServiceEntry from elsewhere", "internal.example.com", "default", nil, nil},

		{"wildcard ServiceEntry", "a.wild.com", "default", nil, []string{wild}},
		{"wildcard ServiceEntry, deeper", "a.b.wild.com", "default", nil, []string{wild}},
		{"wildcard does not cover its suffix", "wild.com", "default", nil, nil},
		{"wildcard host against wildcard entry", "*.a.wild.com", "default", nil, []string{wild}},
		{"exact entry wins over wildcard", "exact.wild.com", "default", nil, []string{exactWild}},
		{"private wildcard from own namespace", "x.private-wild.com", "egress", nil, []string{wildPriv}},
		{"private wildcard from elsewhere", "x.private-wild.com", "default", nil, nil},
		{"wildcard exported to team, from team", "x.team-wild.com", "team", nil, []string{wildTeam}},
		{"wildcard exported to team, from elsewhere", "x.team-wild.com", "default", nil, nil},
		{"catch-all wildcard in its namespace", "anything.org", "catchall", nil, []string{catchAll}},
		{"catch-all wildcard elsewhere", "anything.org", "default", nil, nil},
	}
	for _, tt := range tests {
		got := hostEntryNames(g.ResolveHost(tt.host, tt.ns, tt.exportTo))
		if !equalStrings(got, tt.want) {
			t.Errorf("%s: ResolveHost(%q, %q, %q) = %v; want %v", tt.name, tt.host, tt.ns, tt.exportTo, got, tt.want)
		}
	}
}

func TestResolveHostEntries(t *testing.T) {
	g := loadYAML(t, hostFixture)
	tests := []struct {
		host, ns string
		want     HostEntry // Resource left out
	}{
		{"reviews", "bookinfo", HostEntry{Host: "reviews.bookinfo.svc.cluster.local", Scope: "*", Path: "metadata.name", Ports: []int{9080, 9443}}},
		{"private", "bookinfo", HostEntry{Host: "private.bookinfo.svc.cluster.local", Scope: "bookinfo", Path: "metadata.name", Ports: []int{}}},
		{"db", "egress", HostEntry{Host: "db.egress.svc.cluster.local", Scope: "*", Path: "spec.hosts[1]", Ports: []int{443}}},
		{"a.wild.com", "default", HostEntry{Host: "*.wild.com", Scope: "*", Path: "spec.hosts[0]", Ports: []int{}}},
	}
	for _, tt := range tests {
		es := g.ResolveHost(tt.host, tt.ns, nil)
		if len(es) != 1 {
			t.Fatalf("ResolveHost(%q) = %v", tt.host, hostEntryNames(es))
		}
		got := *es[0]
		got.Resource = nil
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("ResolveHost(%q) = %+v; want %+v", tt.host, got, tt.want)
		}
	}
	if got := PortList([]int{80, 9080}); got != "80, 9080" {
		t.Errorf("PortList = %q", got)
	}
}

func TestResolveHostClusterDomain(t *testing.T) {
	opts := DefaultOptions()
	opts.ClusterDomain = "corp.internal"
	g := loadYAMLOpts(t, opts, hostFixture)
	tests := []struct {
		host, ns string
		found    bool
	}{
		{"reviews", "bookinfo", true},
		{"reviews.bookinfo.svc.corp.internal", "default", true},
		{"reviews.bookinfo.svc.cluster.local", "default", false},
		{"db.egress.svc.corp.internal", "default", true},
		{"db.egress.svc.cluster.local", "default", false},
	}
	for _, tt := range tests {
		if got := len(g.ResolveHost(tt.host, tt.ns, nil)) > 0; got != tt.found {
			t.Errorf("corp.internal: ResolveHost(%q, %q) found=%v; want %v", tt.host, tt.ns, got, tt.found)
		}
	}
	// An empty ClusterDomain means the default.
	opts.ClusterDomain = ""
	g = loadYAMLOpts(t, opts, hostFixture)
	if g.Options().ClusterDomain != DefaultClusterDomain || len(g.ResolveHost("reviews.bookinfo.svc.cluster.local", "x", nil)) != 1 {
		t.Errorf("empty ClusterDomain is not cluster.local")
	}
}

func TestServiceHint(t *testing.T) {
	g := loadYAML(t, hostFixture)
	opts := DefaultOptions()
	opts.ClusterDomain = "corp.internal"
	corp := loadYAMLOpts(t, opts, hostFixture)
	tests := []struct {
		g    *Graph
		host string
		want string
	}{
		{g, "reviews.bookinfo", "reviews.bookinfo.svc.cluster.local"},
		{g, "reviews.bookinfo.svc", "reviews.bookinfo.svc.cluster.local"},
		{g, "reviews.bookinfo.svc.cluster", "reviews.bookinfo.svc.cluster.local"},
		{corp, "reviews.bookinfo", "reviews.bookinfo.svc.corp.internal"},
		{corp, "reviews.bookinfo.svc.corp", "reviews.bookinfo.svc.corp.internal"},
		{corp, "reviews.bookinfo.svc.cluster", ""},
		{g, "reviews", ""},
		{g, "reviews.nowhere", ""},
		{g, "ratings.bookinfo", ""},
		{g, "reviews.bookinfo.svc.cluster.local", ""},
		{g, "reviews.bookinfo.cluster", ""},
		{g, "api.example", ""},
	}
	for _, tt := range tests {
		if got := tt.g.ServiceHint(tt.host); got != tt.want {
			t.Errorf("ServiceHint(%q) = %q; want %q", tt.host, got, tt.want)
		}
	}
}

// Istio gives Services and ServiceEntries without exportTo the mesh's
// defaultServiceExportTo; their own exportTo still wins.
func TestResolveHostMeshDefaultExportTo(t *testing.T) {
	tests := []struct {
		name, mesh, host, ns string
		found                bool
	}{
		{"no default: public", "", "reviews.bookinfo.svc.cluster.local", "default", true},
		{"default . : private", `defaultServiceExportTo: ["."]`, "reviews.bookinfo.svc.cluster.local", "default", false},
		{"default . : own namespace", `defaultServiceExportTo: ["."]`, "reviews", "bookinfo", true},
		{"default names a namespace", `defaultServiceExportTo: [default]`, "reviews.bookinfo.svc.cluster.local", "default", true},
		{"default applies to ServiceEntries", `defaultServiceExportTo: ["."]`, "api.example.com", "default", false},
		{"default applies to wildcard ServiceEntries", `defaultServiceExportTo: ["."]`, "a.wild.com", "default", false},
		{"own annotation wins", `defaultServiceExportTo: ["."]`, "shared.bookinfo.svc.cluster.local", "team", true},
		{"own exportTo wins", `defaultServiceExportTo: [nowhere]`, "internal.example.com", "egress", true},
	}
	for _, tt := range tests {
		mc, err := ParseMeshConfig(source.Source{Path: "mesh.yaml", Content: []byte(tt.mesh)})
		if err != nil {
			t.Fatal(err)
		}
		opts := DefaultOptions()
		opts.Mesh = mc
		g := loadYAMLOpts(t, opts, hostFixture)
		if got := len(g.ResolveHost(tt.host, tt.ns, nil)) > 0; got != tt.found {
			t.Errorf("%s: ResolveHost(%q, %q) found=%v; want %v", tt.name, tt.host, tt.ns, got, tt.found)
		}
	}
}

func TestHiddenHost(t *testing.T) {
	g := loadYAML(t, hostFixture)
	const catchAll = "ServiceEntry catchall/catch-all" // "*", private to its namespace
	tests := []struct {
		host, ns string
		want     []string
	}{
		{"private.bookinfo.svc.cluster.local", "default", []string{"Service bookinfo/private", catchAll}},
		{"shared.bookinfo.svc.cluster.local", "default", []string{"Service bookinfo/shared", "Service bookinfo/shared", catchAll}},
		{"internal.example.com", "default", []string{"ServiceEntry egress/private-ext", catchAll}},
		{"x.private-wild.com", "default", []string{"ServiceEntry egress/wild-private", catchAll}},
		{"nothing.example.com", "default", []string{catchAll}},
	}
	for _, tt := range tests {
		if got := hostEntryNames(g.HiddenHost(tt.host, tt.ns)); !equalStrings(got, tt.want) {
			t.Errorf("HiddenHost(%q, %q) = %v; want %v", tt.host, tt.ns, got, tt.want)
		}
	}
}
