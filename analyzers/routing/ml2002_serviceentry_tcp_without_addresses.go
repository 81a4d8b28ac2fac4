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
	Inputs:         []graph.GroupKind{graph.KindServiceEntry},
	Summary:        "a ServiceEntry without addresses has a TCP port (or one without protocol)",
	Istio:          []string{"IST0134"},
	IstioAnalyzers: []string{"serviceentry.Analyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2002"),
	Run:            runServiceEntryTCPWithoutAddresses,
}

func runServiceEntryTCPWithoutAddresses(p *analyzers.Pass) {
	if autoAllocatesAddresses(p.Graph.Options().Mesh.ProxyMetadata()) {
		return
	}
	for _, r := range p.Graph.OfKind(graph.KindServiceEntry) {
		se := r.ServiceEntry()
		if se == nil || len(se.GetAddresses()) > 0 || hasStatusAddresses(r) {
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

// hasStatusAddresses reports addresses Istio allocated and wrote to the
// status, as in manifests exported from a cluster.
func hasStatusAddresses(r *graph.Resource) bool {
	status, _ := r.Object["status"].(map[string]any)
	addrs, _ := status["addresses"].([]any)
	return len(addrs) > 0
}
