package extensions

import (
	"maps"
	"slices"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterDeprecatedFilterName reports Envoy filters named by the names
// Envoy deprecated in 1.14, in matches and in patch values.
var EnvoyFilterDeprecatedFilterName = &analyzers.Rule{
	ID: "ML6006", Name: "envoyfilter-deprecated-filter-name", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Inputs:  []graph.GroupKind{graph.KindEnvoyFilter},
	Summary: "an EnvoyFilter names an Envoy filter by a deprecated name (envoy.router, envoy.http_connection_manager, ...)",
	Doc:     analyzers.MustDoc(ruleDocs, "ML6006"),
	Run: func(p *analyzers.Pass) {
		for _, r := range p.Graph.OfKind(graph.KindEnvoyFilter) {
			if r.Implied != "" {
				continue
			}
			v, _ := r.ValueAt("spec.configPatches")
			patches, _ := v.([]any)
			for i := range patches {
				base := graph.IndexPath("spec.configPatches", i)
				checkMatchedNames(p, r, base)
				checkPatchValueNames(p, r, base)
			}
		}
	},
}

// matchedNames are the match fields that name a filter, with its layer.
var matchedNames = []struct {
	path  string
	layer filterLayer
}{
	{".match.listener.filterChain.filter.name", layerNetwork},
	{".match.listener.filterChain.filter.subFilter.name", layerHTTP},
	{".match.listener.listenerFilter", layerListener},
}

// checkMatchedNames reports deprecated names in a patch's match: Istio
// 1.19 stopped translating them, and the filters it generates carry
// canonical names only, so the match finds nothing.
func checkMatchedNames(p *analyzers.Pass, r *graph.Resource, base string) {
	for _, m := range matchedNames {
		name := stringAt(r, base+m.path)
		if canonical := canonicalFilterName(m.layer, name); canonical != "" {
			p.Report(r, base+m.path, "%q is Envoy's deprecated name of %s: since Istio 1.19 a match compares filter names exactly and the proxy's filters carry canonical names, so this patch matches nothing and silently does nothing; write %q",
				name, canonical, canonical)
		}
	}
}

// applyToLayer is the layer of the filter a patch value is, by applyTo.
var applyToLayer = map[string]filterLayer{
	"HTTP_FILTER":     layerHTTP,
	"NETWORK_FILTER":  layerNetwork,
	"LISTENER_FILTER": layerListener,
}

// checkPatchValueNames reports deprecated names of the filters a patch
// value holds: the value itself when it is a filter, and the filters
// nested in it (a listener's filter chains, a connection manager's HTTP
// filters). A REMOVE patch has no value that is applied.
func checkPatchValueNames(p *analyzers.Pass, r *graph.Resource, base string) {
	op := stringAt(r, base+".patch.operation")
	if op == "REMOVE" {
		return
	}
	path := base + ".patch.value"
	v, _ := r.ValueAt(path)
	value, _ := v.(map[string]any)
	if layer, ok := applyToLayer[stringAt(r, base+".applyTo")]; ok {
		// MERGE renames the matched filter, which keeps its configuration.
		reportFilterValueName(p, r, path, value, layer, op != "MERGE")
	}
	walkNestedFilters(p, r, path, value)
}

// nestedFilterLists are the Envoy fields (both JSON spellings) that list
// filters, with the layer of their filters.
var nestedFilterLists = map[string]filterLayer{
	"filters":          layerNetwork,
	"http_filters":     layerHTTP,
	"httpFilters":      layerHTTP,
	"listener_filters": layerListener,
	"listenerFilters":  layerListener,
}

// walkNestedFilters reports the filters listed anywhere inside v.
func walkNestedFilters(p *analyzers.Pass, r *graph.Resource, path string, v any) {
	switch v := v.(type) {
	case map[string]any:
		for _, key := range slices.Sorted(maps.Keys(v)) {
			child := v[key]
			childPath := graph.JoinPath(path, key)
			if layer, ok := nestedFilterLists[key]; ok {
				list, _ := child.([]any)
				for i, item := range list {
					filter, _ := item.(map[string]any)
					reportFilterValueName(p, r, graph.IndexPath(childPath, i), filter, layer, true)
				}
			}
			walkNestedFilters(p, r, childPath, child)
		}
	case []any:
		for i, child := range v {
			walkNestedFilters(p, r, graph.IndexPath(path, i), child)
		}
	}
}

// reportFilterValueName reports a filter of a patch value named by a
// deprecated name. created says that Envoy builds the filter from this
// value: without typed_config it then looks the extension up by name, and
// Envoy 1.20 made a deprecated name there a configuration error. With
// typed_config the type selects the extension and the name is a label.
func reportFilterValueName(p *analyzers.Pass, r *graph.Resource, path string, filter map[string]any, layer filterLayer, created bool) {
	name, _ := filter["name"].(string)
	canonical := canonicalFilterName(layer, name)
	if canonical == "" {
		return
	}
	path = graph.JoinPath(path, "name")
	if created && !hasFilterConfig(filter) {
		p.Report(r, path, "%q is Envoy's deprecated name of %s and the filter has no typed_config, so Envoy looks the extension up by this name; since Envoy 1.20 that is a configuration error and the proxy rejects the listener; write %q",
			name, canonical, canonical).WithSeverity(analyzers.SeverityError)
		return
	}
	p.Report(r, path, "%q is Envoy's deprecated name of %s: Envoy picks the extension by the type of its typed_config, so the filter works, but it is named %q and patches that match %q do not find it; write %q",
		name, canonical, name, canonical, canonical).WithSeverity(analyzers.SeverityInfo)
}

// hasFilterConfig says whether a filter carries the configuration Envoy
// selects its extension by.
func hasFilterConfig(filter map[string]any) bool {
	for _, k := range []string{"typed_config", "typedConfig", "config_discovery", "configDiscovery"} {
		if _, ok := filter[k]; ok {
			return true
		}
	}
	return false
}

func stringAt(r *graph.Resource, path string) string {
	v, _ := r.ValueAt(path)
	s, _ := v.(string)
	return s
}
