package validation

import (
	"maps"
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServiceEntryInvalid reports ServiceEntry settings Istio's webhook rejects.
var ServiceEntryInvalid = &analyzers.Rule{
	ID: "ML0209", Name: "serviceentry-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a ServiceEntry's addresses, endpoints or host-port combination are ones Istio rejects",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("ServiceEntry"),
	Doc: "Istio's validating webhook rejects a ServiceEntry whose `addresses` are not IP addresses or CIDR " +
		"blocks; whose endpoints have an address that is not an IP (`resolution: STATIC`) or neither an IP " +
		"nor a DNS name (`resolution: DNS`), or name a port the ServiceEntry does not declare; and one with " +
		"several `hosts` and a port that is neither HTTP nor TLS unless `resolution: NONE`: for plain TCP the " +
		"proxy has no header or SNI to tell the hosts apart.\n\n" +
		"### Bad\n```yaml\nkind: ServiceEntry\nspec:\n  hosts: [db-1.example.com, db-2.example.com]\n" +
		"  ports: [{number: 5432, name: tcp-postgres, protocol: TCP}]\n  resolution: DNS\n```\n\n" +
		"### Good\n```yaml\nkind: ServiceEntry\nmetadata:\n  name: db-1\nspec:\n  hosts: [db-1.example.com]\n" +
		"  ports: [{number: 5432, name: tcp-postgres, protocol: TCP}]\n  resolution: DNS\n```\n",
	Run: runChecks(kindCheck{graph.KindServiceEntry, checkServiceEntry}),
}

func checkServiceEntry(r *graph.Resource, report reporter) {
	se := r.ServiceEntry()
	for i, a := range se.GetAddresses() {
		if !isIPOrCIDR(a) {
			report.at(graph.IndexPath("spec.addresses", i), "address %q is not an IP address or CIDR block", a)
		}
	}
	if se.GetResolution() != networking.ServiceEntry_NONE && len(se.GetHosts()) > 1 {
		for i, p := range se.GetPorts() {
			if !isHTTPProtocol(p.GetProtocol()) && !isTLSProtocol(p.GetProtocol()) {
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
	if addr == "" || strings.HasPrefix(addr, "unix://") || isIP(addr) {
		return
	}
	switch res {
	case networking.ServiceEntry_STATIC:
		report.at(path, "endpoint address %q is not an IP address (resolution STATIC)", addr)
	case networking.ServiceEntry_DNS, networking.ServiceEntry_DNS_ROUND_ROBIN:
		if validateFQDN(addr) != nil {
			report.at(path, "endpoint address %q is neither an IP address nor a DNS name", addr)
		}
	}
}

// ServiceEntryAddressRequired reports TCP ports of ServiceEntries that
// get no address, so that the proxy cannot tell their traffic apart.
var ServiceEntryAddressRequired = &analyzers.Rule{
	ID: "ML0233", Name: "serviceentry-address-required", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "a ServiceEntry's TCP port has no address, so the proxy cannot route it by host",
	Istio:          []string{"IST0133"},
	IstioAnalyzers: schemaAnalyzer("ServiceEntry"),
	Doc: "Plain TCP traffic carries no host name, so the proxy can only route it to a ServiceEntry by " +
		"destination address. Istio allocates one automatically when the ServiceEntry resolves its hosts " +
		"(`resolution` other than `NONE`) and does not opt out with the label " +
		"`networking.istio.io/enable-autoallocate-ip: \"false\"`; otherwise a port with protocol `TCP` or " +
		"none needs `spec.addresses`, and Istio's validating webhook warns. (Like Istio, the protocol is " +
		"compared as written: only `TCP` in upper case and an empty one count.)\n\n" +
		"### Bad\n```yaml\nkind: ServiceEntry\nspec:\n  hosts: [db.example.com]\n  ports: [{number: 5432, name: tcp, protocol: TCP}]\n```\n\n" +
		"### Good\n```yaml\nkind: ServiceEntry\nspec:\n  hosts: [db.example.com]\n  addresses: [10.20.0.5]\n" +
		"  ports: [{number: 5432, name: tcp, protocol: TCP}]\n```\n",
	Run: runChecks(kindCheck{graph.KindServiceEntry, checkServiceEntryAddresses}),
}

// autoAllocateLabel opts a ServiceEntry out of address auto-allocation.
const autoAllocateLabel = "networking.istio.io/enable-autoallocate-ip"

func checkServiceEntryAddresses(r *graph.Resource, report reporter) {
	se := r.ServiceEntry()
	autoAllocated := se.GetResolution() != networking.ServiceEntry_NONE && !strings.EqualFold(r.Labels[autoAllocateLabel], "false")
	if len(se.GetAddresses()) > 0 || autoAllocated {
		return
	}
	for i, p := range se.GetPorts() {
		if p.GetProtocol() == "" || p.GetProtocol() == "TCP" {
			report.at(graph.IndexPath("spec.ports", i), "port %d serves TCP but the ServiceEntry has no addresses and no auto-allocated IP (resolution NONE or opted out); add spec.addresses", p.GetNumber())
		}
	}
}
