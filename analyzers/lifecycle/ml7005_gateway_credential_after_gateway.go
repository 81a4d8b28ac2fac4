package lifecycle

import (
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// GatewayCredentialAfterGateway reports a Secret applied after a Gateway
// whose server serves TLS with it.
var GatewayCredentialAfterGateway = &analyzers.Rule{
	ID: "ML7005", Name: "gateway-credential-after-gateway", Severity: analyzers.SeverityInfo, Since: "0.1.0",
	Inputs:  append(graph.EdgeInputs(graph.EdgeGatewayWorkload), graph.KindSecret),
	Summary: "a Secret comes after a Gateway whose credentialName names it: the gateway serves no certificate for those hosts until it is applied",
	Fixable: true,
	Doc:     analyzers.MustDoc(ruleDocs, "ML7005"),
	Run:     runGatewayCredentialAfterGateway,
}

func runGatewayCredentialAfterGateway(p *analyzers.Pass) {
	var late lateDefinitions
	hostsAt := map[serverField]string{} // the hosts of the server of each field
	reader := map[*graph.Resource]*graph.Workload{}
	for _, gw := range p.Graph.OfKind(graph.KindGateway) {
		if gw.Implied != "" {
			continue
		}
		for _, c := range p.Graph.GatewayCredentials(gw) {
			if c.Secret == nil || c.Secret.Implied != "" {
				continue
			}
			secret := p.Graph.FirstCopy(c.Secret)
			if graph.AppliedBefore(secret, gw) || runsAfter(p.Graph, c.Workload, secret) {
				continue
			}
			late.add(secret, "metadata.name", gw, c.Path)
			if reader[secret] == nil {
				reader[secret] = c.Workload
			}
			hostsAt[serverField{gw, c.Path}] = strings.Join(gw.Gateway().GetServers()[c.Server].GetHosts(), ", ")
		}
	}
	for _, d := range late.order {
		hosts := hostsAt[serverField{d.earlier[0], d.paths[0]}]
		f := p.Report(d.def, d.path, "%s comes after %s, which serves TLS with it: applied in this order, until the Secret exists gateway %s serves no certificate for %s and TLS handshakes fail; move the Secret before the Gateway",
			name(d.def), d.describe(), workloadName(reader[d.def]), hosts)
		for i, gw := range d.earlier {
			f.RelateResource(gw, d.paths[i], "%s serves %s with it, earlier in the input", name(gw), hostsAt[serverField{gw, d.paths[i]}])
		}
		d.fixOrder(f)
	}
}

// serverField is a credential field of a Gateway.
type serverField struct {
	gw   *graph.Resource
	path string
}

// runsAfter reports whether the gateway workload of the input comes after
// secret: its pods start with the Secret in place, so nothing fails.
func runsAfter(g *graph.Graph, w *graph.Workload, secret *graph.Resource) bool {
	return !w.Implied() && graph.AppliedBefore(secret, g.FirstCopy(w.Resource))
}

// workloadName names a gateway workload, saying when it is implied.
func workloadName(w *graph.Workload) string {
	if w.Implied() {
		return w.Namespace + "/" + w.Name + " (implied)"
	}
	return w.Namespace + "/" + w.Name
}
