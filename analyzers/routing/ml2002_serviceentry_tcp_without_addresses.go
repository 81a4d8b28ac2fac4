package routing

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServiceEntryTCPWithoutAddresses reports ServiceEntries with TCP ports but
// no addresses, which proxies cannot tell apart.
var ServiceEntryTCPWithoutAddresses = &analyzers.Rule{
	ID: "ML2002", Name: "serviceentry-tcp-without-addresses", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "a ServiceEntry without addresses has a TCP port (or one without protocol)",
	Istio:          []string{"IST0134"},
	IstioAnalyzers: []string{"serviceentry.Analyzer"},
	Doc: "A TCP connection carries no host name, so the proxy can only route it by destination IP and port. " +
		"A ServiceEntry with a TCP port — or a port without `protocol`, which defaults to TCP — and no " +
		"`addresses` gets a listener on `0.0.0.0:<port>`: it captures every TCP connection to that port, and two " +
		"such ServiceEntries on one port conflict. Give the ServiceEntry `addresses`, use a protocol that names " +
		"the host (`HTTP`, `TLS` with SNI, …), or let Istio allocate addresses: the check is skipped when the mesh " +
		"config turns on DNS capture (`ISTIO_META_DNS_CAPTURE: \"true\"` in `defaultConfig.proxyMetadata`) together " +
		"with auto-allocation (`ISTIO_META_DNS_AUTO_ALLOCATE` or `PILOT_ENABLE_IP_AUTOALLOCATE` `\"true\"`), or " +
		"when the ServiceEntry's `status.addresses` shows allocated addresses. Pass the mesh config with " +
		"`--mesh-config`. One finding is reported per TCP port.\n\n" +
		"### Bad\n```yaml\nkind: ServiceEntry\nspec:\n  hosts: [db.example.com]\n  ports:\n  - name: tcp-db\n" +
		"    number: 5432\n    protocol: TCP\n  resolution: DNS\n```\n\n" +
		"### Good\n```yaml\nkind: ServiceEntry\nspec:\n  hosts: [db.example.com]\n  addresses: [192.0.2.10]\n" +
		"  ports:\n  - name: tcp-db\n    number: 5432\n    protocol: TCP\n  resolution: DNS\n```\n",
	Run: runServiceEntryTCPWithoutAddresses,
}

func runServiceEntryTCPWithoutAddresses(p *analyzers.Pass) {
	if autoAllocatesAddresses(p.Graph.Options().Mesh.ProxyMetadata()) {
		return
	}
	for _, r := range p.Graph.OfKind(graph.KindServiceEntry) {
		se := r.ServiceEntry()
		if se == nil || len(se.GetAddresses()) > 0 || len(r.StatusAddresses()) > 0 {
			continue
		}
		for i, port := range se.GetPorts() {
			proto := port.GetProtocol()
			if proto != "" && !strings.EqualFold(proto, "TCP") {
				continue
			}
			what := "protocol TCP"
			if proto == "" {
				what = "no protocol (TCP is assumed)"
			}
			p.Report(r, graph.IndexPath("spec.ports", i)+".name",
				"port %d has %s but the ServiceEntry has no addresses: the proxy cannot tell its connections apart from other TCP traffic to port %d; set addresses",
				port.GetNumber(), what, port.GetNumber())
		}
	}
}

// autoAllocatesAddresses reports whether the mesh gives ServiceEntries
// addresses itself: DNS capture plus either auto-allocation switch.
func autoAllocatesAddresses(meta map[string]string) bool {
	return meta["ISTIO_META_DNS_CAPTURE"] == "true" &&
		(meta["ISTIO_META_DNS_AUTO_ALLOCATE"] == "true" || meta["PILOT_ENABLE_IP_AUTOALLOCATE"] == "true")
}
