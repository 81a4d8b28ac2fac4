package validation

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"
	security "istio.io/api/security/v1beta1"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// InvalidPort reports ports Istio's webhook rejects.
var InvalidPort = webhookRule(&analyzers.Rule{
	ID: "ML0204", Name: "invalid-port", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "a port is missing, out of range, unnamed, duplicated or of an unknown protocol",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("Gateway", "VirtualService", "Sidecar", "ServiceEntry", "DestinationRule", "PeerAuthentication"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0204"),
}, kindCheck{graph.KindGateway, checkGatewayPorts},
	kindCheck{graph.KindVirtualService, checkVirtualServicePorts},
	kindCheck{graph.KindSidecar, checkSidecarPorts},
	kindCheck{graph.KindServiceEntry, checkServiceEntryPorts},
	kindCheck{graph.KindDestinationRule, checkDestinationRulePorts},
	kindCheck{graph.KindPeerAuthentication, checkPeerAuthenticationPorts})

const protocolList = "HTTP, HTTPS, HTTP2, GRPC, GRPC-WEB, TCP, TLS, MONGO, REDIS, MYSQL"

func reportPortNumber(path string, n int64, report reporter) {
	if !istiovalid.ValidPort(n) {
		report.at(path, "port number %d is out of range 1-65535", n)
	}
}

func checkGatewayPorts(r *graph.Resource, report reporter) {
	seen := map[string]bool{}
	for i, s := range r.Gateway().GetServers() {
		base := graph.IndexPath("spec.servers", i)
		p := s.GetPort()
		if p == nil {
			continue // required by the CRD schema: ML0103
		}
		if !istiovalid.IsKnownProtocol(p.GetProtocol()) && report.written(base+".port.protocol") {
			report.at(base+".port.protocol", "unsupported protocol %q; Istio knows %s", p.GetProtocol(), protocolList)
		}
		if (p.GetNumber() > 0 || !strings.HasPrefix(s.GetBind(), "unix://")) && report.written(base+".port.number") {
			reportPortNumber(base+".port.number", int64(p.GetNumber()), report)
		}
		//lint:ignore SA1019 validating the deprecated field is the point of this check
		if p.GetTargetPort() > 0 {
			report.at(base+".port.targetPort", "targetPort has no effect on Gateways and is rejected")
		}
		if !report.written(base + ".port.name") {
			continue
		}
		if p.GetName() == "" {
			report.at(base+".port.name", "port name must not be empty")
		}
		if seen[p.GetName()] {
			report.at(base+".port.name", "port names in servers must be unique: duplicate name %s", p.GetName())
		}
		seen[p.GetName()] = true
	}
}

func checkVirtualServicePorts(r *graph.Resource, report reporter) {
	vs := r.VirtualService()
	for _, d := range r.Destinations() {
		if d.PortSet {
			reportPortNumber(d.Path+".port.number", int64(d.Port), report)
		}
	}
	matchPort := func(path string, n uint32) {
		if n != 0 {
			reportPortNumber(path+".port", int64(n), report)
		}
	}
	for i, h := range vs.GetHttp() {
		base := graph.IndexPath("spec.http", i)
		for j, m := range h.GetMatch() {
			matchPort(graph.IndexPath(base+".match", j), m.GetPort())
		}
		if n := h.GetRedirect().GetPort(); n > 0 {
			reportPortNumber(base+".redirect.port", int64(n), report)
		}
	}
	for i, t := range vs.GetTcp() {
		for j, m := range t.GetMatch() {
			matchPort(graph.IndexPath(graph.IndexPath("spec.tcp", i)+".match", j), m.GetPort())
		}
	}
	for i, t := range vs.GetTls() {
		for j, m := range t.GetMatch() {
			matchPort(graph.IndexPath(graph.IndexPath("spec.tls", i)+".match", j), m.GetPort())
		}
	}
}

// checkSidecarPortFields checks what ingress and egress ports share: an
// optional DNS-label name, an optional known protocol, no targetPort.
func checkSidecarPortFields(base string, p *networking.SidecarPort, report reporter) {
	if p.GetName() != "" && !istiovalid.IsDNSLabel(p.GetName()) {
		report.at(base+".name", "port name %q is not a DNS label", p.GetName())
	}
	if p.GetProtocol() != "" && !istiovalid.IsKnownProtocol(p.GetProtocol()) {
		report.at(base+".protocol", "unsupported protocol %q; Istio knows %s", p.GetProtocol(), protocolList)
	}
	//lint:ignore SA1019 validating the deprecated field is the point of this check
	if p.GetTargetPort() > 0 {
		report.at(base+".targetPort", "targetPort has no effect on Sidecars and is rejected")
	}
}

func checkSidecarPorts(r *graph.Resource, report reporter) {
	sc, _ := r.Spec.(*networking.Sidecar)
	seen := map[uint32]bool{}
	for i, in := range sc.GetIngress() {
		base := graph.IndexPath("spec.ingress", i)
		if in.GetPort() == nil {
			continue // required by the CRD schema: ML0103
		}
		checkSidecarPortFields(base+".port", in.GetPort(), report)
		reportPortNumber(base+".port.number", int64(in.GetPort().GetNumber()), report)
		if seen[in.GetPort().GetNumber()] {
			report.at(base+".port.number", "port %d is used by another ingress listener; ports on IP-bound listeners must be unique", in.GetPort().GetNumber())
		}
		seen[in.GetPort().GetNumber()] = true
	}
	seen = map[uint32]bool{}
	for i, eg := range sc.GetEgress() {
		base := graph.IndexPath("spec.egress", i)
		p := eg.GetPort()
		if p == nil {
			continue
		}
		checkSidecarPortFields(base+".port", p, report)
		switch {
		case p.GetNumber() == 0:
			if !strings.HasPrefix(eg.GetBind(), "unix://") {
				report.at(base+".port.number", "port 0 is only allowed with a unix domain socket bind (unix://...)")
			}
		case seen[p.GetNumber()]:
			report.at(base+".port.number", "port %d is used by another egress listener; ports on IP-bound listeners must be unique", p.GetNumber())
		default:
			reportPortNumber(base+".port.number", int64(p.GetNumber()), report)
		}
		seen[p.GetNumber()] = true
	}
}

// checkServiceEntryPorts checks names and protocols; the CRD's CEL rules
// cover the numbers.
func checkServiceEntryPorts(r *graph.Resource, report reporter) {
	seen := map[string]bool{}
	for i, p := range r.ServiceEntry().GetPorts() {
		base := graph.IndexPath("spec.ports", i)
		switch {
		case p.GetName() == "":
			// The CRD schema requires the name.
		case !istiovalid.IsDNSLabel(p.GetName()):
			report.at(base+".name", "port name %q is not a DNS label", p.GetName())
		case seen[p.GetName()]:
			report.at(base+".name", "port name %q is already defined", p.GetName())
		}
		seen[p.GetName()] = true
		if p.GetProtocol() != "" && !istiovalid.IsKnownProtocol(p.GetProtocol()) {
			report.at(base+".protocol", "unsupported protocol %q; Istio knows %s", p.GetProtocol(), protocolList)
		}
	}
}

func checkDestinationRulePorts(r *graph.Resource, report reporter) {
	dr := r.DestinationRule()
	type policy struct {
		path string
		tp   *networking.TrafficPolicy
	}
	policies := []policy{{"spec.trafficPolicy", dr.GetTrafficPolicy()}}
	for i, s := range dr.GetSubsets() {
		policies = append(policies, policy{graph.IndexPath("spec.subsets", i) + ".trafficPolicy", s.GetTrafficPolicy()})
	}
	for _, p := range policies {
		for i, pl := range p.tp.GetPortLevelSettings() {
			if pl.GetPort() == nil {
				report.at(graph.IndexPath(p.path+".portLevelSettings", i), "port-level settings need a port")
			}
		}
		if t := p.tp.GetTunnel(); t != nil && report.written(p.path+".tunnel.targetPort") {
			reportPortNumber(p.path+".tunnel.targetPort", int64(t.GetTargetPort()), report)
		}
	}
}

func checkPeerAuthenticationPorts(r *graph.Resource, report reporter) {
	pa, _ := r.Spec.(*security.PeerAuthentication)
	for _, port := range slices.Sorted(maps.Keys(pa.GetPortLevelMtls())) {
		reportPortNumber(graph.JoinPath("spec.portLevelMtls", strconv.FormatUint(uint64(port), 10)), int64(port), report)
	}
}
