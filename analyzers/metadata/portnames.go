package metadata

import (
	"fmt"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/internal/istiovalid"
	"github.com/meshlint/meshlint/graph"
)

// The port-name check is two rules because istioctl reports it under two
// codes (IST0118, and IST0150 for ExternalName Services), and a rule maps
// to its codes as a whole.

// managedGatewayControllers are the values of gateway.istio.io/managed on
// Services Istio generates for gateways and waypoints: their port names
// are Istio's, not the user's.
var managedGatewayControllers = map[string]bool{
	"istio.io-gateway-controller":  true,
	"istio.io-mesh-controller":     true,
	"istio.io-eastwest-controller": true,
}

// ignoreNamespaces are never injected, so their Services' port names do
// not matter to Istio (istioctl drops them too).
var ignoreNamespaces = &analyzers.Option[[]string]{
	Name:    "ignoreNamespaces",
	Doc:     "namespaces whose Services are not checked: they are never injected",
	Default: []string{"kube-system", "kube-public", "kube-node-lease", "local-path-storage"},
}

// runServicePortNames reports bad ports of ExternalName Services when
// externalName is set, and of all other Services otherwise.
func runServicePortNames(p *analyzers.Pass, externalName bool) {
	ignored := ignoreNamespaces.Value(p)
	for _, r := range p.Graph.OfKind(graph.KindService) {
		svc := r.Service
		if svc == nil || (svc.Type == "ExternalName") != externalName || slices.Contains(ignored, r.Namespace) ||
			graph.IsControlPlane(r.Labels) || managedGatewayControllers[r.Labels["gateway.istio.io/managed"]] {
			continue
		}
		for i, port := range svc.Ports {
			// Istio's analyzer singles out "tcp" on ExternalName Services
			// by exact name, whatever appProtocol says; "TCP" or "tcp-db" pass.
			tcpName := externalName && port.Name == "tcp"
			if knownProtocol(port) && !tcpName {
				continue
			}
			path := portNamePath(i, port)
			if tcpName {
				path = graph.IndexPath("spec.ports", i) + ".name"
			}
			f := p.Report(r, path, "%s", portNameMessage(port, externalName))
			if !externalName {
				fixPortProtocol(f, svc.Ports, i)
			}
		}
	}
}

// portNamePath points at what decided the protocol: appProtocol when set,
// else the name, else (unnamed) the port number.
func portNamePath(i int, port graph.ServicePort) string {
	path := graph.IndexPath("spec.ports", i)
	switch {
	case port.AppProtocol != "":
		return path + ".appProtocol"
	case port.Name != "":
		return path + ".name"
	}
	return path + ".port"
}

func portNameMessage(port graph.ServicePort, externalName bool) string {
	name := fmt.Sprintf("port %d", port.Port)
	if port.Name != "" {
		name = fmt.Sprintf("port name %q (port %d)", port.Name, port.Port)
	}
	switch {
	case externalName && port.Name == "tcp":
		return "ExternalName Service " + name + " declares plain TCP; name it after its protocol, e.g. https or tls"
	case externalName && port.Name == "" && port.AppProtocol == "":
		return "ExternalName Service " + name + " has no name; name it after its protocol, e.g. https or tls"
	case externalName:
		return "ExternalName Service " + name + " does not name a protocol Istio knows; name it after its protocol, e.g. https or tls"
	case port.AppProtocol != "":
		return fmt.Sprintf("appProtocol %q of %s is not a protocol Istio knows; the protocol will be sniffed", port.AppProtocol, name)
	case port.Name == "":
		return "Service " + name + " has no name; name it <protocol>[-<suffix>] (e.g. http-web) or set appProtocol, or the protocol will be sniffed"
	}
	return name + " does not follow Istio's <protocol>[-<suffix>] convention (e.g. http-web); the protocol will be sniffed"
}

// knownProtocol resolves a Service port's protocol as Istio does and
// reports whether it found one: UDP by protocol, else from appProtocol or
// the name (the part before the first "-", any case), with a few
// well-known port numbers taken as TCP.
func knownProtocol(port graph.ServicePort) bool {
	if port.Protocol == "UDP" {
		return true
	}
	name := port.Name
	if port.AppProtocol != "" {
		name = port.AppProtocol
		if kubernetesAppProtocols[name] {
			return true
		}
	}
	// grpc-web holds the separator but needs no case of its own: its
	// prefix, grpc, is a protocol too.
	prefix, _, _ := strings.Cut(name, "-")
	return istiovalid.IsKnownProtocol(prefix) || wellKnownTCPPorts[port.Port]
}

// kubernetesAppProtocols are the standard appProtocol values of Kubernetes
// (h2c, WebSocket, WebSocket over TLS), which Istio maps to its protocols.
var kubernetesAppProtocols = map[string]bool{
	"kubernetes.io/h2c": true, "kubernetes.io/ws": true, "kubernetes.io/wss": true,
}

// wellKnownTCPPorts (SMTP, DNS, MySQL, MongoDB) are taken as TCP when
// their name says nothing.
var wellKnownTCPPorts = map[int]bool{25: true, 53: true, 3306: true, 27017: true}

// fixPortProtocol names the protocol of port i when the Service says it
// otherwise: an unnamed port gets it as name, a named one as appProtocol
// (which Istio reads first), so that references to the port by its name
// (a ServiceMonitor's endpoints, an Ingress backend, in other
// repositories too) keep working. An unknown appProtocol is left alone.
func fixPortProtocol(f *analyzers.Finding, ports []graph.ServicePort, i int) {
	port := ports[i]
	proto := portProtocolHint(port)
	if proto == "" || port.AppProtocol != "" || f.Resource.Doc == nil {
		return
	}
	path := graph.IndexPath("spec.ports", i)
	if port.Name != "" {
		if e, ok := f.Resource.Doc.InsertEntry(path, "appProtocol", proto); ok {
			f.WithFix(fmt.Sprintf("set appProtocol: %s on port %q (the name stays)", proto, port.Name), e)
		}
		return
	}
	if slices.ContainsFunc(ports, func(q graph.ServicePort) bool { return q.Name == proto }) {
		return
	}
	if e, ok := f.Resource.Doc.InsertEntry(path, "name", proto); ok {
		f.WithFix(fmt.Sprintf("name port %d %s", port.Port, proto), e)
	}
}

// portProtocolHint is the protocol the Service itself tells for a port
// whose name Istio cannot read: exactly one protocol among the words of
// its name (web-http, http_api), or the named container port it targets
// (targetPort: grpc); "" when they say nothing or disagree.
func portProtocolHint(port graph.ServicePort) string {
	var found []string
	words := strings.FieldsFunc(strings.ToLower(port.Name), func(r rune) bool { return r == '-' || r == '_' || r == '.' })
	for i, w := range words {
		switch {
		case w == "grpc" && i+1 < len(words) && words[i+1] == "web":
			found = append(found, "grpc-web")
		case w == "web" && i > 0 && words[i-1] == "grpc":
		case istiovalid.IsKnownProtocol(w):
			found = append(found, w)
		}
	}
	if t, _, _ := strings.Cut(port.TargetPort, "-"); istiovalid.IsKnownProtocol(t) {
		found = append(found, strings.ToLower(t))
	}
	slices.Sort(found)
	if found = slices.Compact(found); len(found) == 1 {
		return found[0]
	}
	return ""
}
