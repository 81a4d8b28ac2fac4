package routing

import (
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// ServiceEntryTCPWithoutAddresses reports ServiceEntries with TCP ports but
// no addresses, which proxies cannot tell apart. It is the one rule for
// what istioctl reports twice, as IST0134 (its analyzer) and IST0133 (the
// webhook's warning); ML0233 was merged into it and selects it.
var ServiceEntryTCPWithoutAddresses = &analyzers.Rule{
	ID: "ML2002", Name: "serviceentry-tcp-without-addresses", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindServiceEntry},
	Summary:        "a ServiceEntry without addresses has a TCP port (or one without protocol)",
	Istio:          []string{"IST0134", "IST0133"},
	IstioAnalyzers: []string{"serviceentry.Analyzer", "schema.ValidationAnalyzer.ServiceEntry"},
	Retired:        []string{"ML0233", "serviceentry-address-required"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2002"),
	Run:            runServiceEntryTCPWithoutAddresses,
}

func runServiceEntryTCPWithoutAddresses(p *analyzers.Pass) {
	meta := p.Graph.Options().Mesh.ProxyMetadata()
	dnsCapture := meta["ISTIO_META_DNS_CAPTURE"] == "true"
	if dnsCapture && (meta["ISTIO_META_DNS_AUTO_ALLOCATE"] == "true" || meta["PILOT_ENABLE_IP_AUTOALLOCATE"] == "true") {
		return // the proxies allocate an address to every ServiceEntry
	}
	for _, r := range p.Graph.OfKind(graph.KindServiceEntry) {
		se := r.ServiceEntry()
		if se == nil || len(se.GetAddresses()) > 0 || (dnsCapture && allocated(r, se)) {
			continue
		}
		for i, port := range se.GetPorts() {
			// Istio parses the protocol in any case: `tcp` is plain TCP too,
			// although the webhook's own warning looks for `TCP` only.
			proto := port.GetProtocol()
			if !istiovalid.IsTCPOrUnset(proto) {
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

// autoAllocateLabel opts a ServiceEntry out of address allocation.
const autoAllocateLabel = "networking.istio.io/enable-autoallocate-ip"

// allocated reports whether Istio gave, or will give, the ServiceEntry an
// address: one in its status (manifests exported from a cluster), or one
// istiod allocates to every ServiceEntry that resolves its hosts and does
// not opt out. Such an address routes only for clients whose DNS queries
// the proxy answers, so it counts only with DNS capture on.
func allocated(r *graph.Resource, se *networking.ServiceEntry) bool {
	return len(r.StatusAddresses()) > 0 ||
		(se.GetResolution() != networking.ServiceEntry_NONE && !strings.EqualFold(r.Labels[autoAllocateLabel], "false"))
}
