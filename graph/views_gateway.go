package graph

import (
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/graph/fieldpath"
)

// ListenerHostnames reads a Gateway API Gateway's listener hostnames in
// order. all is true when a listener has no hostname: it serves every host.
func (r *Resource) ListenerHostnames() (hosts []string, all bool) {
	spec, _ := r.Object["spec"].(map[string]any)
	listeners, _ := spec["listeners"].([]any)
	for _, l := range listeners {
		lm, _ := l.(map[string]any)
		h, _ := lm["hostname"].(string)
		if h == "" {
			return nil, true
		}
		hosts = append(hosts, h)
	}
	return hosts, false
}

// GatewayCredential is a Secret that a server of an Istio Gateway names in
// tls.credentialName (or credentialNames), looked up where the gateway's
// pods read it: the namespace of each workload the Gateway's selector
// picks (the implied default ingress included), not the Gateway's own.
type GatewayCredential struct {
	Server int    // index in spec.servers
	Path   string // the field that names the Secret
	Name   string
	// Workload is the gateway workload whose namespace holds the Secret.
	Workload *Workload
	// Secret is the Secret of that name and namespace in the input (the
	// copy that wins), nil when the input has none.
	Secret *Resource
}

// GatewayCredentials lists the credentials gw's servers name, once per
// gateway namespace. Names the graph cannot place are left out: another
// namespace's Secret (ns/name), other sources (sds://, builtin://) and
// template placeholders; so is a Gateway whose workload is not known.
func (g *Graph) GatewayCredentials(gw *Resource) []GatewayCredential {
	spec := gw.Gateway()
	if spec == nil {
		return nil
	}
	workloads := g.gatewayNamespaces(gw)
	var out []GatewayCredential
	for i, s := range spec.GetServers() {
		for _, c := range credentialFields(fieldpath.Index("spec.servers", i)+".tls", s.GetTls()) {
			name, ok := localCredential(c.name)
			if !ok {
				continue
			}
			for _, w := range workloads {
				secret := g.Get(Key{GroupKind: KindSecret, Namespace: w.Namespace, Name: name})
				out = append(out, GatewayCredential{Server: i, Path: c.path, Name: name, Workload: w, Secret: secret})
			}
		}
	}
	return out
}

// gatewayNamespaces is one workload of gw for each namespace its
// selector picks workloads in, in edge order.
func (g *Graph) gatewayNamespaces(gw *Resource) []*Workload {
	var out []*Workload
	seen := map[string]bool{}
	for _, e := range g.EdgesFrom(gw, EdgeGatewayWorkload) {
		for _, w := range e.Workloads {
			if !seen[w.Namespace] && !HasPlaceholder(w.Namespace) {
				seen[w.Namespace] = true
				out = append(out, w)
			}
		}
	}
	return out
}

type credentialField struct{ path, name string }

// credentialFields are the credential names of a server's TLS settings,
// with their paths under base.
func credentialFields(base string, tls *networking.ServerTLSSettings) []credentialField {
	var out []credentialField
	if n := tls.GetCredentialName(); n != "" {
		out = append(out, credentialField{JoinPath(base, "credentialName"), n})
	}
	for j, n := range tls.GetCredentialNames() {
		out = append(out, credentialField{fieldpath.Index(JoinPath(base, "credentialNames"), j), n})
	}
	return out
}

// localCredential is the Secret name a credentialName stands for when the
// gateway reads it from its own namespace: a plain name, or
// kubernetes://name.
func localCredential(cn string) (string, bool) {
	name := strings.TrimPrefix(cn, "kubernetes://")
	if name == "" || strings.Contains(name, "/") || strings.Contains(name, ":") || HasPlaceholder(name) {
		return "", false
	}
	return name, true
}

// GatewayServicePorts is what the Services in front of a Gateway's
// workloads expose, for telling which server ports clients can reach.
type GatewayServicePorts struct {
	// Services select the Gateway's workloads, in workload then edge order.
	Services []*Resource
	// Reachable holds every TCP port and targetPort of those Services.
	// istiod binds a server whose port is a Service port on that port's
	// targetPort, and any other port as written: a server port outside
	// this set gets a listener no Service port leads to.
	Reachable map[uint32]bool
	// Complete is false when a Service's ports cannot be read from the
	// files: an implied Service (its ports are the install's choice), a
	// named or templated targetPort, a templated port.
	Complete bool
}

// GatewayServicePorts collects the ports of the Services that select the
// workloads gw's selector picks. Workloads no Service in the input selects
// add nothing: their Service may be defined elsewhere.
func (g *Graph) GatewayServicePorts(gw *Resource) GatewayServicePorts {
	out := GatewayServicePorts{Reachable: map[uint32]bool{}, Complete: true}
	seen := map[*Resource]bool{}
	for _, e := range g.EdgesFrom(gw, EdgeGatewayWorkload) {
		for _, w := range e.Workloads {
			for _, svc := range g.servicesOf(w.Resource) {
				if !seen[svc] {
					seen[svc] = true
					out.Services = append(out.Services, svc)
					out.addService(svc)
				}
			}
		}
	}
	return out
}

func (p *GatewayServicePorts) addService(svc *Resource) {
	if svc.Implied != "" || svc.Service == nil {
		p.Complete = false
		return
	}
	for _, sp := range svc.Service.Ports {
		if sp.Protocol != "" && !strings.EqualFold(sp.Protocol, "TCP") {
			continue
		}
		if sp.Port <= 0 {
			p.Complete = false
			continue
		}
		p.Reachable[uint32(sp.Port)] = true
		if sp.TargetPort == "" {
			continue
		}
		if n, err := strconv.ParseUint(sp.TargetPort, 10, 16); err == nil {
			p.Reachable[uint32(n)] = true
		} else {
			p.Complete = false
		}
	}
}
