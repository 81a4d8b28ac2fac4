package validation

import (
	"maps"
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// ServiceEntryInvalid reports ServiceEntry settings Istio's webhook rejects.
var ServiceEntryInvalid = webhookRule(&analyzers.Rule{
	ID: "ML0209", Name: "serviceentry-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a ServiceEntry's addresses, endpoints or host-port combination are ones Istio rejects",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("ServiceEntry"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0209"),
}, kindCheck{graph.KindServiceEntry, checkServiceEntry})

func checkServiceEntry(r *graph.Resource, report reporter) {
	se := r.ServiceEntry()
	for i, a := range se.GetAddresses() {
		if !istiovalid.IsIPOrCIDR(a) {
			report.at(graph.IndexPath("spec.addresses", i), "address %q is not an IP address or CIDR block", a)
		}
	}
	if se.GetResolution() != networking.ServiceEntry_NONE && len(se.GetHosts()) > 1 {
		for i, p := range se.GetPorts() {
			if !istiovalid.IsHTTPProtocol(p.GetProtocol()) && !istiovalid.IsTLSProtocol(p.GetProtocol()) {
				report.at(graph.IndexPath("spec.ports", i), "multiple hosts with a non-HTTP, non-TLS port need resolution NONE: nothing tells the hosts apart on plain TCP")
				break
			}
		}
	}
	declared := map[string]bool{}
	for _, p := range se.GetPorts() {
		declared[p.GetName()] = true
	}
	for i, ep := range se.GetEndpoints() {
		base := graph.IndexPath("spec.endpoints", i)
		checkEndpointAddress(base+".address", ep.GetAddress(), se.GetResolution(), report)
		for _, name := range slices.Sorted(maps.Keys(ep.GetPorts())) {
			if !declared[name] {
				report.atKey(graph.JoinPath(base+".ports", name), "endpoint port %q is not defined by the ServiceEntry's ports", name)
			}
		}
	}
}

func checkEndpointAddress(path, addr string, res networking.ServiceEntry_Resolution, report reporter) {
	if addr == "" || strings.HasPrefix(addr, "unix://") || istiovalid.IsIP(addr) {
		return
	}
	switch res {
	case networking.ServiceEntry_STATIC:
		report.at(path, "endpoint address %q is not an IP address (resolution STATIC)", addr)
	case networking.ServiceEntry_DNS, networking.ServiceEntry_DNS_ROUND_ROBIN:
		if istiovalid.ValidateFQDN(addr) != nil {
			report.at(path, "endpoint address %q is neither an IP address nor a DNS name", addr)
		}
	}
}
