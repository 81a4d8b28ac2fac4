package validation

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	networking "istio.io/api/networking/v1alpha3"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
)

// EnvoyFilterUnknownField reports patch values with fields their Envoy
// type does not have.
var EnvoyFilterUnknownField = webhookRule(&analyzers.Rule{
	ID: "ML0234", Name: "envoyfilter-unknown-field", Severity: analyzers.SeverityWarning, Since: "0.1.0",
	Summary:        "an EnvoyFilter patch value has a field its Envoy type does not define",
	Istio:          []string{"IST0133"},
	IstioAnalyzers: schemaAnalyzer("EnvoyFilter"),
	Doc:            analyzers.MustDoc(ruleDocs, "ML0234"),
}, kindCheck{graph.KindEnvoyFilter, checkEnvoyPatchFields})

// envoyTypeFields are the top-level fields of the Envoy v3 type each
// applyTo patches (from go-control-plane's descriptors, Envoy 1.37 API).
// BOOTSTRAP is not checked.
var envoyTypeFields = map[networking.EnvoyFilter_ApplyTo]struct{ typ, fields string }{
	networking.EnvoyFilter_LISTENER: {"envoy.config.listener.v3.Listener", "name address additional_addresses stat_prefix " +
		"stats_matcher filter_chains fcds_config filter_chain_matcher use_original_dst default_filter_chain " +
		"per_connection_buffer_limit_bytes per_connection_buffer_high_watermark_timeout metadata deprecated_v1 " +
		"drain_type listener_filters listener_filters_timeout continue_on_listener_filters_timeout transparent " +
		"freebind socket_options tcp_fast_open_queue_length traffic_direction udp_listener_config api_listener " +
		"connection_balance_config reuse_port enable_reuse_port access_log tcp_backlog_size " +
		"max_connections_to_accept_per_socket_event bind_to_port internal_listener enable_mptcp " +
		"ignore_global_conn_limit bypass_overload_manager tcp_keepalive"},
	networking.EnvoyFilter_FILTER_CHAIN: {"envoy.config.listener.v3.FilterChain", "filter_chain_match filters " +
		"use_proxy_proto metadata transport_socket transport_socket_connect_timeout name"},
	networking.EnvoyFilter_NETWORK_FILTER: {"envoy.config.listener.v3.Filter", "name typed_config config_discovery"},
	networking.EnvoyFilter_HTTP_FILTER: {"envoy.extensions.filters.network.http_connection_manager.v3.HttpFilter",
		"name typed_config config_discovery is_optional disabled"},
	networking.EnvoyFilter_ROUTE_CONFIGURATION: {"envoy.config.route.v3.RouteConfiguration", "name virtual_hosts vhds " +
		"internal_only_headers response_headers_to_add response_headers_to_remove request_headers_to_add " +
		"request_headers_to_remove most_specific_header_mutations_wins validate_clusters " +
		"max_direct_response_body_size_bytes cluster_specifier_plugins request_mirror_policies " +
		"ignore_port_in_host_matching vhost_header ignore_path_parameters_in_path_matching typed_per_filter_config " +
		"metadata route_specifiers"},
	networking.EnvoyFilter_VIRTUAL_HOST: {"envoy.config.route.v3.VirtualHost", "name domains routes matcher require_tls " +
		"virtual_clusters rate_limits request_headers_to_add request_headers_to_remove response_headers_to_add " +
		"response_headers_to_remove cors typed_per_filter_config include_request_attempt_count " +
		"include_attempt_count_in_response retry_policy retry_policy_typed_config hedge_policy " +
		"include_is_timeout_retry_header per_request_buffer_limit_bytes request_body_buffer_limit " +
		"request_mirror_policies metadata route_specifiers"},
	networking.EnvoyFilter_HTTP_ROUTE: {"envoy.config.route.v3.Route", "name match route redirect direct_response " +
		"filter_action non_forwarding_action metadata decorator typed_per_filter_config request_headers_to_add " +
		"request_headers_to_remove response_headers_to_add response_headers_to_remove tracing " +
		"per_request_buffer_limit_bytes stat_prefix request_body_buffer_limit route_specifiers"},
	networking.EnvoyFilter_CLUSTER: {"envoy.config.cluster.v3.Cluster", "transport_socket_matches " +
		"transport_socket_matcher name alt_stat_name stats_matcher type cluster_type eds_cluster_config " +
		"connect_timeout per_connection_buffer_limit_bytes per_connection_buffer_high_watermark_timeout lb_policy " +
		"load_assignment health_checks max_requests_per_connection circuit_breakers upstream_http_protocol_options " +
		"common_http_protocol_options http_protocol_options http2_protocol_options typed_extension_protocol_options " +
		"dns_refresh_rate dns_jitter dns_failure_refresh_rate respect_dns_ttl dns_lookup_family dns_resolvers " +
		"use_tcp_for_dns_lookups dns_resolution_config typed_dns_resolver_config wait_for_warm_on_init " +
		"outlier_detection cleanup_interval upstream_bind_config lb_subset_config ring_hash_lb_config " +
		"maglev_lb_config original_dst_lb_config least_request_lb_config round_robin_lb_config common_lb_config " +
		"transport_socket metadata protocol_selection upstream_connection_options " +
		"close_connections_on_host_health_failure ignore_health_on_host_removal filters load_balancing_policy " +
		"lrs_server lrs_report_endpoint_metrics track_timeout_budgets upstream_config track_cluster_stats " +
		"preconnect_policy connection_pool_per_downstream_connection queuing_policies"},
	networking.EnvoyFilter_LISTENER_FILTER:  {"envoy.config.listener.v3.ListenerFilter", "name typed_config config_discovery filter_disabled"},
	networking.EnvoyFilter_EXTENSION_CONFIG: {"envoy.config.core.v3.TypedExtensionConfig", "name typed_config"},
}

// knownEnvoyField reports whether key names one of the snake_case fields,
// as written or in its lowerCamelCase JSON form.
func knownEnvoyField(fields, key string) bool {
	for _, f := range strings.Fields(fields) {
		if key == f || key == snakeToCamel(f) {
			return true
		}
	}
	return false
}

func snakeToCamel(s string) string {
	parts := strings.Split(s, "_")
	for i := 1; i < len(parts); i++ {
		if parts[i] != "" {
			parts[i] = strings.ToUpper(parts[i][:1]) + parts[i][1:]
		}
	}
	return strings.Join(parts, "")
}

// checkEnvoyPatchFields reports one finding per patch, like Istio, at the
// first unknown field in the document, naming all of them.
func checkEnvoyPatchFields(r *graph.Resource, report reporter) {
	ef, _ := r.Spec.(*networking.EnvoyFilter)
	for i, cp := range ef.GetConfigPatches() {
		t, ok := envoyTypeFields[cp.GetApplyTo()]
		if !ok || !proxyVersionCompiles(cp) {
			continue
		}
		base := graph.IndexPath("spec.configPatches", i) + ".patch.value"
		var unknown []string
		first := ""
		for _, key := range slices.Sorted(maps.Keys(cp.GetPatch().GetValue().GetFields())) {
			if knownEnvoyField(t.fields, key) {
				continue
			}
			unknown = append(unknown, strconv.Quote(key))
			if path := graph.JoinPath(base, key); first == "" || report.before(path, first) {
				first = path
			}
		}
		if len(unknown) > 0 {
			report.atKey(first, "Envoy filter: unknown field(s) %s in %s; Istio ignores them", strings.Join(unknown, ", "), t.typ)
		}
	}
}
