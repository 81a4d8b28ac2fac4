package validation

import (
	"net"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// SidecarInvalid reports Sidecar resources Istio's webhook rejects.
var SidecarInvalid = webhookRule(&analyzers.Rule{
	ID: "ML0208", Name: "sidecar-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a Sidecar is empty, or its listeners are ordered or addressed in a way Istio rejects",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("Sidecar"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0208"),
}, kindCheck{graph.KindSidecar, checkSidecar})

func checkSidecar(r *graph.Resource, report reporter) {
	sc, _ := r.Spec.(*networking.Sidecar)
	if len(sc.GetEgress()) == 0 && len(sc.GetIngress()) == 0 && sc.GetOutboundTrafficPolicy() == nil && sc.GetInboundConnectionPool() == nil {
		report.at("spec", "sidecar: empty configuration provided (no ingress, egress, outboundTrafficPolicy or inboundConnectionPool)")
		return
	}
	catchAll := -1
	for i, eg := range sc.GetEgress() {
		base := graph.IndexPath("spec.egress", i)
		if eg.GetPort() == nil {
			switch {
			case catchAll >= 0:
				report.at(base, "egress can have only one listener without port")
			case i != len(sc.GetEgress())-1:
				report.at(base, "the egress listener without port catches all traffic and must be the last listener")
			}
			catchAll = i
		}
		checkListenerBind(base, eg.GetBind(), report)
	}
	for i, in := range sc.GetIngress() {
		base := graph.IndexPath("spec.ingress", i)
		checkListenerBind(base, in.GetBind(), report)
		if ep := in.GetDefaultEndpoint(); ep != "" {
			checkDefaultEndpoint(base+".defaultEndpoint", ep, report)
		}
	}
	if tp := sc.GetOutboundTrafficPolicy(); tp.GetEgressProxy() != nil && tp.GetMode() != networking.OutboundTrafficPolicy_ALLOW_ANY {
		report.at("spec.outboundTrafficPolicy.egressProxy", "egressProxy may be set only with outboundTrafficPolicy mode ALLOW_ANY")
	}
}

// checkListenerBind accepts an IP address or a unix domain socket.
func checkListenerBind(base, bind string, report reporter) {
	if sock, ok := strings.CutPrefix(bind, "unix://"); ok {
		if msg := unixAddressProblem(sock); msg != "" {
			report.at(base+".bind", "%s", msg)
		}
	} else if bind != "" && !istiovalid.IsIP(bind) {
		report.at(base+".bind", "bind %q is not an IP address or unix:// path", bind)
	}
}

// defaultEndpointHosts are the addresses an ingress listener may forward to.
var defaultEndpointHosts = map[string]bool{"": true, "127.0.0.1": true, "0.0.0.0": true, "::1": true, "::": true}

func checkDefaultEndpoint(path, ep string, report reporter) {
	if sock, ok := strings.CutPrefix(ep, "unix://"); ok {
		if msg := unixAddressProblem(sock); msg != "" {
			report.at(path, "%s", msg)
		}
		return
	}
	host, port, err := net.SplitHostPort(ep)
	if err != nil {
		report.at(path, "defaultEndpoint %q is not host:port: %v", ep, err)
		return
	}
	if !defaultEndpointHosts[host] {
		report.at(path, "defaultEndpoint must be 127.0.0.1:<port>, 0.0.0.0:<port>, [::1]:<port>, [::]:<port> or unix://<path>")
	}
	if n, err := strconv.Atoi(port); err != nil || !istiovalid.ValidPort(int64(n)) {
		report.at(path, "defaultEndpoint port %q is not a port number in 1-65535", port)
	}
}
