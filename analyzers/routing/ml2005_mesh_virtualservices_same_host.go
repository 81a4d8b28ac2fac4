package routing

import (
	"fmt"
	"maps"
	"slices"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// MeshVirtualServicesSameHost reports VirtualServices bound to the
// sidecars that name the same host where both are visible: sidecars do
// not merge them, as gateways do, so one set of routes is ignored.
var MeshVirtualServicesSameHost = &analyzers.Rule{
	ID: "ML2005", Name: "mesh-virtualservices-same-host", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:         []graph.GroupKind{graph.KindVirtualService},
	Summary:        "several VirtualServices bound to the sidecars name one host; sidecars use one of them",
	Istio:          []string{"IST0109"},
	IstioAnalyzers: []string{"virtualservice.ConflictingMeshGatewayHostsAnalyzer"},
	Doc:            analyzers.MustDoc(ruleDocs, "ML2005"),
	Run:            runMeshVirtualServicesSameHost,
}

// sharedHosts is what one VirtualService shares with others: the first
// shared host it names (where it is reported), all shared hosts, and the
// other VirtualServices.
type sharedHosts struct {
	vs     *graph.Resource
	index  int
	hosts  []string
	others map[string]bool // a set: 5,000 VirtualServices for one host stay linear to collect
}

// runMeshVirtualServicesSameHost reports each VirtualService once, at its
// first shared host: one VirtualService overlapping another on many hosts
// is one mistake.
func runMeshVirtualServicesSameHost(p *analyzers.Pass) {
	byVS := map[*graph.Resource]*sharedHosts{}
	for host, claims := range p.Graph.MeshHostClaims() {
		for _, c := range claims {
			s := byVS[c.VirtualService]
			if s == nil {
				s = &sharedHosts{vs: c.VirtualService, index: c.Index, others: map[string]bool{}}
				byVS[c.VirtualService] = s
			}
			s.index = min(s.index, c.Index)
			s.hosts = append(s.hosts, host)
			for _, o := range c.Rivals {
				s.others[vsName(o)] = true
			}
		}
	}
	for _, s := range byVS {
		slices.Sort(s.hosts)
		p.Report(s.vs, graph.IndexPath("spec.hosts", s.index), "VirtualService %s is not the only one bound to the sidecars (gateway mesh) for %s "+
			"(also %s): sidecars do not merge VirtualServices, they use one per host; merge them into one, or keep one "+
			"as the root and move the others' routes into delegate VirtualServices",
			vsName(s.vs), hostList(s.hosts), nameList(slices.Sorted(maps.Keys(s.others))))
	}
}

func vsName(r *graph.Resource) string { return r.Namespace + "/" + r.Name }

// nameList names up to three VirtualServices, then how many more: with
// thousands on one host, naming all in each finding is quadratic output.
func nameList(names []string) string {
	if len(names) <= 3 {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s and %d more", strings.Join(names[:3], ", "), len(names)-3)
}

// hostList names up to three hosts, then how many more.
func hostList(hosts []string) string {
	if len(hosts) == 1 {
		return "host " + hosts[0]
	}
	if len(hosts) <= 3 {
		return "hosts " + strings.Join(hosts, ", ")
	}
	return fmt.Sprintf("hosts %s and %d more", strings.Join(hosts[:3], ", "), len(hosts)-3)
}
