package validation

import (
	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterInvalid reports EnvoyFilter patches Istio's webhook rejects.
var EnvoyFilterInvalid = webhookRule(&analyzers.Rule{
	ID: "ML0210", Name: "envoyfilter-invalid", Severity: analyzers.SeverityError, Since: "0.1.0",
	Summary:        "an EnvoyFilter patch lacks applyTo, patch, operation or value, or matches another class of object",
	Istio:          []string{"IST0106"},
	IstioAnalyzers: schemaAnalyzer("EnvoyFilter"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0210"),
}, kindCheck{graph.KindEnvoyFilter, checkEnvoyFilter})

// httpConnectionManagers are the names of the filter a subFilter match
// must sit in (the second is the deprecated one).
var httpConnectionManagers = map[string]bool{
	"envoy.filters.network.http_connection_manager": true, "envoy.http_connection_manager": true,
}

func checkEnvoyFilter(r *graph.Resource, report reporter) {
	ef, _ := r.Spec.(*networking.EnvoyFilter)
	for i, cp := range ef.GetConfigPatches() {
		base := graph.IndexPath("spec.configPatches", i)
		op := cp.GetPatch().GetOperation()
		switch {
		case cp.GetApplyTo() == networking.EnvoyFilter_INVALID:
			report.at(base, "Envoy filter: missing applyTo")
		case cp.GetPatch() == nil:
			report.at(base+".patch", "Envoy filter: missing patch")
		case op == networking.EnvoyFilter_Patch_INVALID:
			report.at(base+".patch", "Envoy filter: missing patch operation")
		case op != networking.EnvoyFilter_Patch_REMOVE && cp.GetPatch().GetValue() == nil:
			report.at(base+".patch", "Envoy filter: missing patch value for a %s operation", op)
		case !proxyVersionCompiles(cp):
			// ML0201 reports the regex; Istio checks nothing further.
		default:
			checkPatchMatchClass(base, cp, report)
		}
	}
}

// checkPatchMatchClass checks that the match is about the kind of object
// applyTo patches. A match without object type (or a waypoint match)
// applies to everything.
func checkPatchMatchClass(base string, cp *networking.EnvoyFilter_EnvoyConfigObjectPatch, report reporter) {
	m := cp.GetMatch()
	if m.GetObjectTypes() == nil || m.GetWaypoint() != nil {
		return
	}
	switch cp.GetApplyTo() {
	case networking.EnvoyFilter_LISTENER, networking.EnvoyFilter_FILTER_CHAIN,
		networking.EnvoyFilter_NETWORK_FILTER, networking.EnvoyFilter_HTTP_FILTER:
		if m.GetListener() == nil {
			report.at(base+".match", "Envoy filter: applyTo %s patches listener class objects and cannot have a non-listener match", cp.GetApplyTo())
			return
		}
		checkFilterMatch(base+".match.listener.filterChain.filter", cp.GetApplyTo(), m.GetListener().GetFilterChain().GetFilter(), report)
	case networking.EnvoyFilter_ROUTE_CONFIGURATION, networking.EnvoyFilter_VIRTUAL_HOST, networking.EnvoyFilter_HTTP_ROUTE:
		if m.GetRouteConfiguration() == nil {
			report.at(base+".match", "Envoy filter: applyTo %s patches HTTP route class objects and cannot have a non-routeConfiguration match", cp.GetApplyTo())
		}
	case networking.EnvoyFilter_CLUSTER:
		if m.GetCluster() == nil {
			report.at(base+".match", "Envoy filter: applyTo CLUSTER patches cluster class objects and cannot have a non-cluster match")
		}
	}
}

func checkFilterMatch(path string, applyTo networking.EnvoyFilter_ApplyTo, f *networking.EnvoyFilter_ListenerMatch_FilterMatch, report reporter) {
	switch sub := f.GetSubFilter(); {
	case f == nil:
	case f.GetName() == "":
		report.at(path, "Envoy filter: a filter match needs a name to match on")
	case sub == nil:
	case applyTo != networking.EnvoyFilter_HTTP_FILTER:
		report.at(path+".subFilter", "Envoy filter: a subFilter match can be used with applyTo HTTP_FILTER only")
	case !httpConnectionManagers[f.GetName()]:
		report.at(path+".subFilter", "Envoy filter: a subFilter match requires the filter match envoy.filters.network.http_connection_manager")
	case sub.GetName() == "":
		report.at(path+".subFilter", "Envoy filter: a subFilter match needs a name to match on")
	}
}
