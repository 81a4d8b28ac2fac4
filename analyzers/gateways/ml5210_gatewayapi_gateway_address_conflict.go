package gateways

import (
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/graph/fieldpath"
)

// GatewayAPIAddressConflict reports Gateways that request the same address
// with listeners that cannot share it.
var GatewayAPIAddressConflict = &analyzers.Rule{
	ID: "ML5210", Name: "gatewayapi-gateway-address-conflict", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindK8sGateway},
	Summary: "two Gateways request the same address with listeners on one port that cannot coexist",
	Doc:     analyzers.MustDoc(ruleDocs, "ML5210"),
	Run:     runGatewayAPIAddressConflict,
}

type gatewayAddress struct{ typ, value string }

func runGatewayAPIAddressConflict(p *analyzers.Pass) {
	seen := map[gatewayAddress][]*graph.Resource{}
	for _, gw := range p.Graph.OfKind(graph.KindK8sGateway) {
		if gw.Implied != "" || gw.ShadowedBy != nil {
			continue
		}
		for i, a := range gatewayAddresses(gw) {
			for _, other := range seen[a] {
				if l, prior, ok := sharedPortConflict(gw, other); ok {
					p.Report(gw, graph.JoinPath(fieldpath.Index("spec.addresses", i), "value"),
						"Gateway %s requests address %s, as Gateway %s does, and their listeners %s (port %d, %s) and %s (port %d, %s) cannot share it: one address serves one set of listeners, so one of them is not served there; give each Gateway its own address or make the listeners distinct",
						gw.NamespacedName(), a.value, other.NamespacedName(), l, l.Port, l.Protocol, prior, prior.Port, prior.Protocol).
						RelateResource(other, "spec.addresses", "addresses of %s", other)
					break
				}
			}
			seen[a] = append(seen[a], gw)
		}
	}
}

// gatewayAddresses are spec.addresses (type IPAddress by default); a
// templated value is left out.
func gatewayAddresses(gw *graph.Resource) []gatewayAddress {
	spec, _ := gw.Object["spec"].(map[string]any)
	list, _ := spec["addresses"].([]any)
	out := make([]gatewayAddress, len(list))
	for i, it := range list {
		m, _ := it.(map[string]any)
		a := gatewayAddress{typ: "IPAddress"}
		if t, ok := m["type"].(string); ok {
			a.typ = t
		}
		a.value, _ = m["value"].(string)
		if a.value == "" || graph.HasPlaceholder(a.value) {
			a.value = "\x00" + gw.NamespacedName() // never shared
		}
		out[i] = a
	}
	return out
}

// sharedPortConflict finds a listener of gw that cannot coexist with one of
// other's on a shared address: different protocols that may not share a
// port, or two HTTPS or TLS listeners for the same hostname (which
// certificate to serve is undecided). Plain HTTP listeners for one host
// are merged, as istiod merges servers.
func sharedPortConflict(gw, other *graph.Resource) (graph.Listener, graph.Listener, bool) {
	for _, l := range gw.GatewayListeners() {
		for _, prior := range other.GatewayListeners() {
			if l.Templated || prior.Templated || l.Port == 0 || l.Port != prior.Port {
				continue
			}
			sameTLSHost := l.Protocol == prior.Protocol && slices.Contains([]string{"HTTPS", "TLS"}, l.Protocol) && listenerHost(l) == listenerHost(prior)
			if sameTLSHost || (l.Protocol != prior.Protocol && !listenersDistinct(l, prior)) {
				return l, prior, true
			}
		}
	}
	return graph.Listener{}, graph.Listener{}, false
}
