package validation

import (
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// ServiceEntryAddressRequired reports TCP ports of ServiceEntries that
// get no address, so that the proxy cannot tell their traffic apart.
var ServiceEntryAddressRequired = &analyzers.Rule{
	ID: "ML0233", Name: "serviceentry-address-required", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindServiceEntry},
	Summary:        "a ServiceEntry's TCP port has no address, so the proxy cannot route it by host",
	Istio:          []string{"IST0133"},
	IstioAnalyzers: schemaAnalyzer("ServiceEntry"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0233"),
	Run:            runChecks(kindCheck{graph.KindServiceEntry, checkServiceEntryAddresses}),
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
