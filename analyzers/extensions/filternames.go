package extensions

import "strings"

// filterLayer is where in Envoy's configuration a filter sits; a name is
// canonical or deprecated for one layer ("envoy.ext_authz" was both the
// HTTP and the network filter).
type filterLayer string

const (
	layerHTTP     filterLayer = "envoy.filters.http."
	layerNetwork  filterLayer = "envoy.filters.network."
	layerListener filterLayer = "envoy.filters.listener."
)

// deprecatedFilterNames is Envoy's list of the filter names it deprecated
// in 1.14 in favour of the names of its build system, each with its
// canonical name. Source: the "Deprecated" table of Envoy's release notes
// for 1.14.0 (envoyproxy/envoy, docs/root/version_history/v1.14.0.rst),
// keeping the HTTP, network and listener filters (access loggers, stat
// sinks and tracers are never EnvoyFilter filter names). Istio's own copy,
// pkg/config/xds/deprecated.go in istio/istio, holds the same pairs except
// envoy.echo.
var deprecatedFilterNames = []struct{ deprecated, canonical string }{
	{"envoy.buffer", "envoy.filters.http.buffer"},
	{"envoy.cors", "envoy.filters.http.cors"},
	{"envoy.csrf", "envoy.filters.http.csrf"},
	{"envoy.http_dynamo_filter", "envoy.filters.http.dynamo"},
	{"envoy.ext_authz", "envoy.filters.http.ext_authz"},
	{"envoy.fault", "envoy.filters.http.fault"},
	{"envoy.grpc_http1_bridge", "envoy.filters.http.grpc_http1_bridge"},
	{"envoy.grpc_json_transcoder", "envoy.filters.http.grpc_json_transcoder"},
	{"envoy.grpc_web", "envoy.filters.http.grpc_web"},
	{"envoy.gzip", "envoy.filters.http.gzip"},
	{"envoy.health_check", "envoy.filters.http.health_check"},
	{"envoy.ip_tagging", "envoy.filters.http.ip_tagging"},
	{"envoy.lua", "envoy.filters.http.lua"},
	{"envoy.rate_limit", "envoy.filters.http.ratelimit"},
	{"envoy.router", "envoy.filters.http.router"},
	{"envoy.squash", "envoy.filters.http.squash"},
	{"envoy.listener.http_inspector", "envoy.filters.listener.http_inspector"},
	{"envoy.listener.original_dst", "envoy.filters.listener.original_dst"},
	{"envoy.listener.original_src", "envoy.filters.listener.original_src"},
	{"envoy.listener.proxy_protocol", "envoy.filters.listener.proxy_protocol"},
	{"envoy.listener.tls_inspector", "envoy.filters.listener.tls_inspector"},
	{"envoy.client_ssl_auth", "envoy.filters.network.client_ssl_auth"},
	{"envoy.echo", "envoy.filters.network.echo"},
	{"envoy.ext_authz", "envoy.filters.network.ext_authz"},
	{"envoy.http_connection_manager", "envoy.filters.network.http_connection_manager"},
	{"envoy.mongo_proxy", "envoy.filters.network.mongo_proxy"},
	{"envoy.ratelimit", "envoy.filters.network.ratelimit"},
	{"envoy.redis_proxy", "envoy.filters.network.redis_proxy"},
	{"envoy.tcp_proxy", "envoy.filters.network.tcp_proxy"},
}

// canonicalFilterName returns the canonical name of a deprecated filter
// name of the layer, or "" when name is not one.
func canonicalFilterName(layer filterLayer, name string) string {
	for _, n := range deprecatedFilterNames {
		if n.deprecated == name && strings.HasPrefix(n.canonical, string(layer)) {
			return n.canonical
		}
	}
	return ""
}
