package validation

import (
	"fmt"
	"slices"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// InvalidHost reports host names Istio's webhook rejects.
var InvalidHost = webhookRule(&analyzers.Rule{
	ID: "ML0206", Name: "invalid-host", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a host is not a valid DNS name, uses a wildcard where Istio forbids one, or is missing",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("VirtualService", "Gateway", "ServiceEntry", "DestinationRule", "Sidecar"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0206"),
}, kindCheck{graph.KindVirtualService, checkVirtualServiceHosts},
	kindCheck{graph.KindGateway, checkGatewayHosts},
	kindCheck{graph.KindSidecar, checkSidecarHosts},
	kindCheck{graph.KindServiceEntry, checkServiceEntryHosts},
	kindCheck{graph.KindDestinationRule, checkDestinationRuleHost})

func checkVirtualServiceHosts(r *graph.Resource, report reporter) {
	vs := r.VirtualService()
	onGateways := appliesToGateways(vs)
	sni := slices.ContainsFunc(vs.GetTls(), func(t *networking.TLSRoute) bool {
		return slices.ContainsFunc(t.GetMatch(), func(m *networking.TLSMatchAttributes) bool { return len(m.GetSniHosts()) > 0 })
	})
	allValid := true
	for i, h := range vs.GetHosts() {
		path := graph.IndexPath("spec.hosts", i)
		err := istiovalid.ValidateWildcardDomain(h)
		if onGateways && sni && strings.HasPrefix(h, "outbound_.") {
			err = nil
			if !outboundSNIRE.MatchString(h) {
				err = fmt.Errorf("host %q is invalid: label %q is not a DNS label or wildcard", h, "outbound_")
			}
		}
		switch {
		case err != nil && !istiovalid.IsIP(h):
			report.at(path, "%v", err)
			allValid = false
		case err == nil && !onGateways && h == "*":
			report.at(path, "wildcard host * is not allowed for VirtualServices that apply to sidecars (the mesh gateway)")
			allValid = false
		}
	}
	if allValid {
		reportOverlappingHosts(vs.GetHosts(), report)
	}
	for _, d := range r.Destinations() {
		if !report.written(d.Path + ".host") {
			continue // required by the CRD schema: ML0103
		}
		if err := istiovalid.DestinationHostProblem(d.Host); err != nil {
			report.at(d.Path+".host", "%v", err)
		}
	}
}

// reportOverlappingHosts reports each VirtualService host that an earlier
// one already matches: Istio rejects duplicates, wildcards included.
func reportOverlappingHosts(hosts []string, report reporter) {
	for j := range hosts {
		for i := range j {
			if graph.HostsMatch(hosts[i], hosts[j]) {
				report.at(graph.IndexPath("spec.hosts", j), "duplicate hosts in virtual service: %s & %s", hosts[i], hosts[j])
				break
			}
		}
	}
}

func checkGatewayHosts(r *graph.Resource, report reporter) {
	for i, s := range r.Gateway().GetServers() {
		base := graph.IndexPath("spec.servers", i)
		if len(s.GetHosts()) == 0 && report.written(base+".hosts") {
			report.at(base+".hosts", "a server must have at least one host")
		}
		for j, h := range s.GetHosts() {
			if msg := istiovalid.NamespacedHostProblem(h, true); msg != "" {
				report.at(graph.IndexPath(base+".hosts", j), "%s", msg)
			}
		}
	}
}

func checkSidecarHosts(r *graph.Resource, report reporter) {
	sc, _ := r.Spec.(*networking.Sidecar)
	for i, eg := range sc.GetEgress() {
		base := graph.IndexPath("spec.egress", i)
		if len(eg.GetHosts()) == 0 && report.written(base+".hosts") {
			report.at(base+".hosts", "an egress listener must have at least one host")
		}
		for j, h := range eg.GetHosts() {
			if msg := istiovalid.NamespacedHostProblem(h, false); msg != "" {
				report.at(graph.IndexPath(base+".hosts", j), "%s", msg)
			}
		}
	}
}

func checkServiceEntryHosts(r *graph.Resource, report reporter) {
	se := r.ServiceEntry()
	if len(se.GetHosts()) == 0 && report.written("spec.hosts") {
		report.at("spec.hosts", "a ServiceEntry must have at least one host")
	}
	dnsWithoutEndpoints := len(se.GetEndpoints()) == 0 &&
		(se.GetResolution() == networking.ServiceEntry_DNS || se.GetResolution() == networking.ServiceEntry_DNS_ROUND_ROBIN)
	for i, h := range se.GetHosts() {
		path := graph.IndexPath("spec.hosts", i)
		if h == "*" {
			continue // the CRD's CEL rule rejects it (ML0120)
		}
		if err := istiovalid.ValidateWildcardDomain(h); err != nil {
			report.at(path, "%v", err)
			continue
		}
		if dnsWithoutEndpoints && istiovalid.ValidateFQDN(h) != nil {
			report.at(path, "host %q must be a fully qualified name without wildcard: resolution %s without endpoints resolves the host itself", h, se.GetResolution())
		}
	}
}

func checkDestinationRuleHost(r *graph.Resource, report reporter) {
	if err := istiovalid.ValidateWildcardDomain(r.DestinationRule().GetHost()); err != nil && report.written("spec.host") {
		report.at("spec.host", "%v", err)
	}
}
