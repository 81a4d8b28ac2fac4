package injection

import (
	"fmt"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// WorkloadUID1337 reports application pods that run as the proxy's UID.
var WorkloadUID1337 = &analyzers.Rule{
	ID: "ML3002", Name: "workload-uid-1337", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         graph.WorkloadKinds(),
	Summary:        "a workload's pod or application container runs as UID 1337, the sidecar's user ID",
	Istio:          []string{"IST0144"},
	IstioAnalyzers: []string{"applicationUID.Analyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML3002"),
	Run:            runWorkloadUID1337,
}

// proxyUID is the user ID the sidecar runs as. Its iptables rules let
// traffic of this UID bypass the proxy, so that the proxy's own outbound
// connections are not redirected back into it.
const proxyUID = 1337

// proxyContainers may run as the proxy's UID: they are the proxy.
var proxyContainers = map[string]bool{"istio-proxy": true, "istio-operator": true}

func runWorkloadUID1337(p *analyzers.Pass) {
	for _, r := range p.Graph.Resources {
		// Template labels count too: a gateway Deployment may carry the
		// istio label on its pods only.
		if r.Workload == nil || graph.IsControlPlane(r.Labels) || graph.IsControlPlane(r.Workload.Labels) {
			continue
		}
		fields := uid1337Fields(r)
		if len(fields) == 0 {
			continue
		}
		f := p.Report(r, fields[0].path, "%s runs as UID %d, the sidecar's user ID: its outbound traffic bypasses the proxy (no mTLS, routing or policy); use another UID",
			fields[0].owner, proxyUID)
		for _, field := range fields[1:] {
			f.Relate(r.Location(field.path), "%s also runs as UID %d", field.owner, proxyUID)
		}
	}
}

// uidField is a runAsUser field and what it applies to, for messages.
type uidField struct{ path, owner string }

// uid1337Fields lists the runAsUser fields of r's pod spec that are 1337:
// the pod-level one first, then the containers' in order.
func uid1337Fields(r *graph.Resource) []uidField {
	specPath := graph.JoinPath(r.Workload.TemplatePath, "spec")
	runAs := r.Workload.RunAs
	var out []uidField
	if isProxyUID(runAs.Pod) && !onlyProxy(runAs.Containers) {
		out = append(out, uidField{specPath + ".securityContext.runAsUser", "the pod"})
	}
	for _, c := range runAs.Containers {
		if !proxyContainers[c.Name] && isProxyUID(c.RunAsUser) {
			path := graph.IndexPath(specPath+".containers", c.Index) + ".securityContext.runAsUser"
			out = append(out, uidField{path, fmt.Sprintf("container %q", c.Name)})
		}
	}
	return out
}

// onlyProxy reports whether the pod runs the proxy alone: a gateway (an
// injected one says inject.istio.io/templates: gateway and image: auto),
// where 1337 at pod level is the proxy's own user, as intended.
func onlyProxy(containers []graph.ContainerRunAs) bool {
	for _, c := range containers {
		if !proxyContainers[c.Name] {
			return false
		}
	}
	return len(containers) > 0
}

func isProxyUID(uid *int64) bool { return uid != nil && *uid == proxyUID }
