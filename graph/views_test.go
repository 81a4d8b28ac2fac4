package graph

import (
	"reflect"
	"testing"
)

func TestPositionBefore(t *testing.T) {
	tests := []struct {
		p, q Position
		want bool
	}{
		{Position{Line: 1, Column: 5}, Position{Line: 2, Column: 1}, true},
		{Position{Line: 2, Column: 1}, Position{Line: 1, Column: 5}, false},
		{Position{Line: 3, Column: 2}, Position{Line: 3, Column: 4}, true},
		{Position{Line: 3, Column: 4}, Position{Line: 3, Column: 2}, false},
		{Position{Line: 3, Column: 4}, Position{Line: 3, Column: 4}, false},
	}
	for _, tt := range tests {
		if got := tt.p.Before(tt.q); got != tt.want {
			t.Errorf("%v.Before(%v) = %v; want %v", tt.p, tt.q, got, tt.want)
		}
	}
}

func TestStatusAddresses(t *testing.T) {
	tests := []struct {
		status string
		want   []AllocatedAddress
	}{
		{"", nil},
		{"status: {}", nil},
		{"status: {addresses: []}", nil},
		{"status: {addresses: [{host: a.example.com, value: 240.240.0.1}]}", []AllocatedAddress{{"a.example.com", "240.240.0.1"}}},
		{"status: {addresses: [{value: 2001:2::1}, oops]}", []AllocatedAddress{{"", "2001:2::1"}, {}}},
	}
	for _, tt := range tests {
		g := loadYAML(t, lines("apiVersion: networking.istio.io/v1", "kind: ServiceEntry",
			"metadata: {name: se, namespace: ns}", "spec: {hosts: [a.example.com]}", tt.status))
		se := mustGet(t, g, KindServiceEntry, "ns", "se")
		if got := se.StatusAddresses(); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%q: StatusAddresses() = %v; want %v", tt.status, got, tt.want)
		}
	}
}

func TestListenerHostnames(t *testing.T) {
	tests := []struct {
		listeners string
		want      []string
		all       bool
	}{
		{"[]", nil, false},
		{"[{name: a, hostname: a.example.com}, {name: b, hostname: '*.example.com'}]", []string{"a.example.com", "*.example.com"}, false},
		{"[{name: a, hostname: a.example.com}, {name: any}]", nil, true},
	}
	for _, tt := range tests {
		g := loadYAML(t, lines("apiVersion: gateway.networking.k8s.io/v1", "kind: Gateway",
			"metadata: {name: gw, namespace: ns}", "spec: {gatewayClassName: istio, listeners: "+tt.listeners+"}"))
		gw := mustGet(t, g, KindK8sGateway, "ns", "gw")
		if hosts, all := gw.ListenerHostnames(); !reflect.DeepEqual(hosts, tt.want) || all != tt.all {
			t.Errorf("%s: ListenerHostnames() = %v, %v; want %v, %v", tt.listeners, hosts, all, tt.want, tt.all)
		}
	}
}

func TestWorkloadRunAs(t *testing.T) {
	g := loadYAML(t, lines(
		"apiVersion: apps/v1", "kind: Deployment", "metadata: {name: web, namespace: ns}",
		"spec:", "  template:", "    spec:",
		"      securityContext: {runAsUser: 1e3}",
		"      containers:",
		"      - {name: app, securityContext: {runAsUser: 1337}}",
		"      - {name: side, securityContext: {runAsUser: \"1337\"}}",
		"      - {securityContext: {runAsUser: 1.5}}"))
	d := mustGet(t, g, GroupKind{Group: "apps", Kind: "Deployment"}, "ns", "web")
	uid := func(n int64) *int64 { return &n }
	want := PodRunAs{Pod: uid(1000), Containers: []ContainerRunAs{
		{Index: 0, Name: "app", RunAsUser: uid(1337)},
		{Index: 1, Name: "side"}, // a string is not a user ID
		{Index: 2},
	}}
	if got := d.Workload.RunAs; !reflect.DeepEqual(got, want) {
		t.Errorf("RunAs = %+v; want %+v", got, want)
	}
}
