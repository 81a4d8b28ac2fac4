package extensions

import (
	"fmt"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// envoyFilterKind is spelled out here as graph has no Kind constant for it.
var envoyFilterKind = graph.GroupKind{Group: graph.GroupNetworking, Kind: "EnvoyFilter"}

// envoyFilterDoc is what the five EnvoyFilter rules share in their docs.
const envoyFilterDoc = "EnvoyFilters are applied in order of `priority`, then creation time, then name; a patch " +
	"is applied to the configuration as earlier EnvoyFilters left it. "

// EnvoyFilterRelativeOperation reports relative patches in EnvoyFilters
// whose order against other EnvoyFilters is not fixed.
var EnvoyFilterRelativeOperation = &analyzers.Rule{
	ID: "ML6001", Name: "envoyfilter-relative-operation", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "an EnvoyFilter without priority uses a relative patch operation",
	Istio:          []string{"IST0151"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: envoyFilterDoc + "A relative operation (`INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE`, `REMOVE`) " +
		"only works if the element it is relative to is already there, so with the default `priority: 0` it " +
		"depends on which EnvoyFilters happen to be created first: recreate one in another order (a restore, a " +
		"new cluster, an upgrade) and the patch silently applies elsewhere or not at all. Set a `priority`, or " +
		"use an absolute operation (`INSERT_FIRST`, `ADD`). One finding is reported per EnvoyFilter, at its first " +
		"such patch, with the others as related locations.\n\n" +
		"### Bad\n```yaml\nkind: EnvoyFilter\nspec:\n  configPatches:\n  - applyTo: HTTP_FILTER\n" +
		"    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n" +
		"            subFilter: {name: envoy.filters.http.router}\n    patch:\n      operation: INSERT_BEFORE\n" +
		"      value: {name: envoy.lua}\n```\n\n" +
		"### Good\n```yaml\nkind: EnvoyFilter\nspec:\n  priority: 10\n  configPatches:\n  - applyTo: HTTP_FILTER\n" +
		"    match:\n      listener:\n        filterChain:\n          filter:\n            name: envoy.filters.network.http_connection_manager\n" +
		"            subFilter: {name: envoy.filters.http.router}\n    patch:\n      operation: INSERT_BEFORE\n" +
		"      value: {name: envoy.lua}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRelative) },
}

// EnvoyFilterReplaceMisused reports REPLACE patches on objects Istio cannot
// replace.
var EnvoyFilterReplaceMisused = &analyzers.Rule{
	ID: "ML6002", Name: "envoyfilter-replace-misused", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "an EnvoyFilter uses REPLACE on something other than an HTTP filter, network filter or virtual host",
	Istio:          []string{"IST0152"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: "The `REPLACE` operation is implemented for `applyTo: HTTP_FILTER`, `NETWORK_FILTER` and " +
		"`VIRTUAL_HOST` only; on anything else (a `CLUSTER`, a `LISTENER`, …) the patch does nothing. Use " +
		"`MERGE`, or `REMOVE` plus `ADD`.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: CLUSTER\n    match: {context: SIDECAR_OUTBOUND}\n" +
		"    patch:\n      operation: REPLACE\n      value: {name: lua_cluster, type: STRICT_DNS}\n```\n\n" +
		"### Good\n```yaml\n  configPatches:\n  - applyTo: CLUSTER\n    match: {context: SIDECAR_OUTBOUND}\n" +
		"    patch:\n      operation: MERGE\n      value: {name: lua_cluster, type: STRICT_DNS}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchReplaceMisused) },
}

// EnvoyFilterAddMisused reports ADD patches that Istio ignores.
var EnvoyFilterAddMisused = &analyzers.Rule{
	ID: "ML6003", Name: "envoyfilter-add-misused", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "an EnvoyFilter uses ADD with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE",
	Istio:          []string{"IST0153"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: "Istio ignores an `ADD` patch whose `applyTo` is `ROUTE_CONFIGURATION` or `HTTP_ROUTE`: the patch " +
		"has no effect. Routes are ordered, so a route is added with `INSERT_FIRST`, `INSERT_BEFORE` or " +
		"`INSERT_AFTER`; a route configuration is changed with `MERGE`.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: HTTP_ROUTE\n    match: {context: SIDECAR_INBOUND}\n" +
		"    patch:\n      operation: ADD\n      value: {name: extra}\n```\n\n" +
		"### Good\n```yaml\n  configPatches:\n  - applyTo: HTTP_ROUTE\n    match: {context: SIDECAR_INBOUND}\n" +
		"    patch:\n      operation: INSERT_FIRST\n      value: {name: extra}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchAddMisused) },
}

// EnvoyFilterRemoveMisused reports REMOVE patches that Istio ignores.
var EnvoyFilterRemoveMisused = &analyzers.Rule{
	ID: "ML6004", Name: "envoyfilter-remove-misused", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "an EnvoyFilter uses REMOVE with applyTo ROUTE_CONFIGURATION or HTTP_ROUTE",
	Istio:          []string{"IST0154"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: "Istio ignores a `REMOVE` patch whose `applyTo` is `ROUTE_CONFIGURATION` or `HTTP_ROUTE`: the " +
		"patch has no effect. Remove the route from its VirtualService instead, or `MERGE` the route " +
		"configuration.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: ROUTE_CONFIGURATION\n    match: {context: GATEWAY}\n" +
		"    patch:\n      operation: REMOVE\n```\n\n" +
		"### Good\n```yaml\n  configPatches:\n  - applyTo: ROUTE_CONFIGURATION\n    match: {context: GATEWAY}\n" +
		"    patch:\n      operation: MERGE\n      value: {validate_clusters: false}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRemoveMisused) },
}

// EnvoyFilterRelativeOperationProxyVersion is EnvoyFilterRelativeOperation
// for patches that build on a patch limited to some proxy versions.
var EnvoyFilterRelativeOperationProxyVersion = &analyzers.Rule{
	ID: "ML6005", Name: "envoyfilter-relative-operation-proxy-version", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "an EnvoyFilter without priority uses a relative patch operation on a filter an earlier patch limits to a proxyVersion",
	Istio:          []string{"IST0155"},
	IstioAnalyzers: []string{"envoyfilter.EnvoyPatchAnalyzer"},
	Doc: envoyFilterDoc + "When an earlier patch that carries `match.proxy.proxyVersion` handles a filter of " +
		"the same name (the patch value's `name`, else the matched filter's name) and a later patch without " +
		"`priority` is relative (`INSERT_BEFORE`, `INSERT_AFTER`, `REPLACE`, `REMOVE`), the later patch depends on " +
		"the earlier one. During an upgrade the proxies change version, the version-limited patch stops applying, " +
		"and the relative one lands elsewhere or nowhere. Set a `priority` or use an absolute operation. The " +
		"patches are taken in load order, across EnvoyFilters; this finding replaces ML6001 for such a patch.\n\n" +
		"### Bad\n```yaml\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n      proxy: {proxyVersion: '^1\\.2.*'}\n" +
		"    patch:\n      operation: INSERT_FIRST\n      value: {name: envoy.lua}\n  - applyTo: HTTP_FILTER\n" +
		"    patch:\n      operation: REPLACE\n      value: {name: envoy.lua}\n```\n\n" +
		"### Good\n```yaml\n  priority: 10\n  configPatches:\n  - applyTo: HTTP_FILTER\n    match:\n      proxy: {proxyVersion: '^1\\.2.*'}\n" +
		"    patch:\n      operation: INSERT_FIRST\n      value: {name: envoy.lua}\n  - applyTo: HTTP_FILTER\n" +
		"    patch:\n      operation: REPLACE\n      value: {name: envoy.lua}\n```\n",
	Run: func(p *analyzers.Pass) { reportEnvoyPatches(p, patchRelativeProxyVersion) },
}

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
