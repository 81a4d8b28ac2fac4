package extensions

import (
	"fmt"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// envoyFilterKind is spelled out here as graph has no Kind constant for it.
var envoyFilterKind = graph.GroupKind{Group: graph.GroupNetworking, Kind: "EnvoyFilter"}

// patchProblem is what is wrong with one config patch.
type patchProblem int

const (
	patchOK patchProblem = iota
	patchRelative
	patchRelativeProxyVersion
	patchReplaceMisused
	patchAddMisused
	patchRemoveMisused
)

// patchFinding is one config patch with a problem.
type patchFinding struct {
	ef      *graph.Resource
	index   int
	op      networking.EnvoyFilter_Patch_Operation
	applyTo networking.EnvoyFilter_ApplyTo
	problem patchProblem
}

// reportEnvoyPatches reports the patches with the given problem, one
// finding per EnvoyFilter at the first of them: istioctl places these
// messages on the resource, so several patches of one filter collapse into
// one message there, and the conformance suite expects one.
func reportEnvoyPatches(p *analyzers.Pass, want patchProblem) {
	byFilter := map[*graph.Resource][]patchFinding{}
	var order []*graph.Resource
	for _, pf := range envoyPatchProblems(p.Graph.OfKind(envoyFilterKind)) {
		if pf.problem != want {
			continue
		}
		if byFilter[pf.ef] == nil {
			order = append(order, pf.ef)
		}
		byFilter[pf.ef] = append(byFilter[pf.ef], pf)
	}
	for _, ef := range order {
		pfs := byFilter[ef]
		f := p.Report(ef, patchOperationPath(pfs[0].index), "%s", patchMessage(pfs[0], len(pfs)-1))
		for _, other := range pfs[1:] {
			f.Relate(ef.Location(patchOperationPath(other.index)), "configPatches[%d] %s", other.index, other.op)
		}
	}
}

func patchOperationPath(i int) string {
	return graph.IndexPath("spec.configPatches", i) + ".patch.operation"
}

func patchMessage(pf patchFinding, more int) string {
	also := ""
	switch {
	case more == 1:
		also = " (and 1 more patch of this EnvoyFilter)"
	case more > 1:
		also = fmt.Sprintf(" (and %d more patches of this EnvoyFilter)", more)
	}
	switch pf.problem {
	case patchReplaceMisused:
		return fmt.Sprintf("REPLACE on %s has no effect: it is implemented for HTTP_FILTER, NETWORK_FILTER and VIRTUAL_HOST only%s", pf.applyTo, also)
	case patchAddMisused, patchRemoveMisused:
		return fmt.Sprintf("%s is ignored when applyTo is %s%s", pf.op, pf.applyTo, also)
	case patchRelativeProxyVersion:
		return fmt.Sprintf("relative operation %s without priority builds on an earlier patch limited to a proxyVersion: it may not apply during an upgrade; set a priority or use INSERT_FIRST or ADD%s", pf.op, also)
	}
	return fmt.Sprintf("relative operation %s without priority depends on the order EnvoyFilters were created in; set a priority or use INSERT_FIRST or ADD%s", pf.op, also)
}

// envoyPatchProblems walks the EnvoyFilters in load order (istioctl's
// store order) and classifies their patches as istioctl does. The walk is
// shared by the five rules because ML6005 depends on what came before:
// the names handled by earlier patches that carry a proxyVersion.
func envoyPatchProblems(filters []*graph.Resource) []patchFinding {
	var out []patchFinding
	versioned := map[string]bool{}
	for _, r := range filters {
		ef := r.EnvoyFilter()
		for i, cp := range ef.GetConfigPatches() {
			if cp.GetPatch() == nil {
				break // istioctl stops reading a filter at a patch without one
			}
			name := patchInstanceName(cp)
			problem := classifyPatch(cp, ef.GetPriority(), versioned[name])
			if problem != patchOK {
				out = append(out, patchFinding{r, i, cp.GetPatch().GetOperation(), cp.GetApplyTo(), problem})
			}
			if cp.GetMatch().GetProxy().GetProxyVersion() != "" {
				versioned[name] = true
			}
		}
	}
	return out
}

// patchInstanceName is what a patch is about: its value's name, else the
// name of the filter it matches. Unnamed patches share the name "", as in
// istioctl.
func patchInstanceName(cp *networking.EnvoyFilter_EnvoyConfigObjectPatch) string {
	if v, ok := cp.GetPatch().GetValue().GetFields()["name"]; ok {
		return v.GetStringValue()
	}
	return cp.GetMatch().GetListener().GetFilterChain().GetFilter().GetName()
}

// classifyPatch checks one patch. afterVersioned says that an earlier
// patch with a proxyVersion handled the same name.
func classifyPatch(cp *networking.EnvoyFilter_EnvoyConfigObjectPatch, priority int32, afterVersioned bool) patchProblem {
	routeLevel := cp.GetApplyTo() == networking.EnvoyFilter_ROUTE_CONFIGURATION || cp.GetApplyTo() == networking.EnvoyFilter_HTTP_ROUTE
	switch cp.GetPatch().GetOperation() {
	case networking.EnvoyFilter_Patch_ADD:
		if routeLevel {
			return patchAddMisused
		}
		return patchOK
	case networking.EnvoyFilter_Patch_REMOVE:
		if routeLevel {
			return patchRemoveMisused
		}
	case networking.EnvoyFilter_Patch_REPLACE:
		switch cp.GetApplyTo() {
		case networking.EnvoyFilter_HTTP_FILTER, networking.EnvoyFilter_NETWORK_FILTER, networking.EnvoyFilter_VIRTUAL_HOST:
		default:
			return patchReplaceMisused
		}
	case networking.EnvoyFilter_Patch_INSERT_BEFORE, networking.EnvoyFilter_Patch_INSERT_AFTER:
	default:
		// INSERT_FIRST is absolute; MERGE is not checked, as in istioctl
		// (merging into a missing element merely does nothing).
		return patchOK
	}
	switch {
	case priority != 0:
		return patchOK
	case afterVersioned:
		return patchRelativeProxyVersion
	}
	return patchRelative
}
