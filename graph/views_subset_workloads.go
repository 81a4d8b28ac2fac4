package graph

import "istio.io/api/label"

// SubsetSelection is what one labelled DestinationRule subset selects
// among the workloads in the files of the Service its host names.
type SubsetSelection struct {
	Index   int // in spec.subsets
	Name    string
	Service *Resource
	// Workloads are the Service's workloads in the files, Selected those
	// the subset's labels may pick among them (see subsetMayMatch).
	Workloads []*Workload
	Selected  []*Workload
}

// nodeLabels are the labels istiod adds to an endpoint from its node (and
// cluster and network) before matching subsets; it adds each only with a
// value, so a non-empty one is unknown in the files and an empty one is
// only met by a pod that carries it empty itself.
var nodeLabels = map[string]bool{
	"topology.kubernetes.io/region": true,
	"topology.kubernetes.io/zone":   true,
	"kubernetes.io/hostname":        true,
	label.TopologySubzone.Name:      true,
	label.TopologyCluster.Name:      true,
	label.TopologyNetwork.Name:      true,
}

// SubsetSelections lists, for a DestinationRule whose host is one
// Kubernetes Service with a selector and with workloads in the files,
// what each labelled subset selects. It returns nil when the files cannot
// tell: a host served by a ServiceEntry, by several resources, or a
// wildcard; a Service without selector (its endpoints are written by
// hand) or whose workloads are all elsewhere.
func (g *Graph) SubsetSelections(dr *Resource) []SubsetSelection {
	spec := dr.DestinationRule()
	if spec == nil {
		return nil
	}
	svc := g.subsetService(dr)
	if svc == nil {
		return nil
	}
	var workloads []*Workload
	for _, e := range g.EdgesFrom(svc, EdgeServiceWorkload) {
		workloads = append(workloads, e.Workloads...)
	}
	if len(workloads) == 0 {
		return nil
	}
	var out []SubsetSelection
	for i, s := range spec.GetSubsets() {
		if len(s.GetLabels()) == 0 {
			continue
		}
		sel := SubsetSelection{Index: i, Name: s.GetName(), Service: svc, Workloads: workloads}
		for _, w := range workloads {
			if subsetMayMatch(s.GetLabels(), w.Labels) {
				sel.Selected = append(sel.Selected, w)
			}
		}
		out = append(out, sel)
	}
	return out
}

// subsetService is the one Service a DestinationRule's host resolves to,
// when it has a selector.
func (g *Graph) subsetService(dr *Resource) *Resource {
	edges := g.EdgesFrom(dr, EdgeDestinationRuleHost)
	if len(edges) != 1 || len(edges[0].To) != 1 || IsWildcard(edges[0].Target) {
		return nil
	}
	svc := edges[0].To[0]
	if !svc.Is(KindService) || svc.Service == nil || len(svc.Service.Selector) == 0 {
		return nil
	}
	return svc
}

// subsetMayMatch reports whether an endpoint of a workload with these pod
// labels may carry every label of the subset, as istiod matches them
// (each key present with the same value). A key the pod template lacks
// may be added to the running pods (kubectl label or patch, as canary
// tutorials do), so only a key it sets to another value rules it out.
func subsetMayMatch(subset, pod map[string]string) bool {
	for k, v := range subset {
		pv, ok := pod[k]
		switch {
		case HasPlaceholder(k) || HasPlaceholder(v) || (ok && HasPlaceholder(pv)):
		case nodeLabels[k]:
			// Set from the node, which the files do not hold, and only
			// with a value: an empty one is met only by the pod's own.
			if v == "" && (!ok || pv != "") {
				return false
			}
		case ok && pv != v:
			return false
		}
	}
	return true
}
