// Package catalog is the one list of meshlint's built-in Go rules.
package catalog

import (
	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/analyzers/extensions"
	"github.com/meshlint/meshlint/analyzers/gateways"
	"github.com/meshlint/meshlint/analyzers/injection"
	"github.com/meshlint/meshlint/analyzers/input"
	"github.com/meshlint/meshlint/analyzers/lifecycle"
	"github.com/meshlint/meshlint/analyzers/metadata"
	"github.com/meshlint/meshlint/analyzers/references"
	"github.com/meshlint/meshlint/analyzers/routing"
	"github.com/meshlint/meshlint/analyzers/schema"
	"github.com/meshlint/meshlint/analyzers/security"
	"github.com/meshlint/meshlint/analyzers/validation"
)

// All returns the built-in rules in ID order. The list is explicit (no
// init-time registration) so that what ships is visible in one place.
func All() []*analyzers.Rule {
	return []*analyzers.Rule{
		input.YAMLSyntax,
		input.DuplicateKey,
		input.DuplicateResource,
		input.InvalidResource,
		input.InvalidIstioSpec,
		input.LimitExceeded,
		input.HelmChartNotLinted,
		input.UnrenderedTemplate,
		schema.SchemaUnknownField,
		schema.SchemaInvalidValue,
		schema.SchemaRequiredFieldMissing,
		schema.SchemaNotApplicable,
		schema.KindWithoutSchema,
		schema.InvalidObjectMetadata,
		schema.DeprecatedAPIVersion,
		schema.RemovedAPIVersion,
		schema.OlderAPIVersion,
		schema.StatusConditionNegative,
		schema.CELValidationFailed,
		validation.InvalidRegex,
		validation.InvalidDuration,
		validation.InvalidHeaderName,
		validation.InvalidPort,
		validation.VirtualServiceInvalid,
		validation.InvalidHost,
		validation.GatewayInvalid,
		validation.SidecarInvalid,
		validation.ServiceEntryInvalid,
		validation.EnvoyFilterInvalid,
		validation.EnvoyFilterDiscouraged,
		validation.VirtualServiceUnreachableRule,
		validation.VirtualServiceIneffectiveMatch,
		validation.EnvoyFilterUnknownField,
		references.VirtualServiceGatewayNotFound,
		references.VirtualServiceSubsetNotFound,
		references.VirtualServiceHostNotFound,
		references.DestinationRuleHostNotFound,
		references.GatewaySelectorNoWorkload,
		references.VirtualServiceHostNotInGateway,
		references.VirtualServiceInternalGateway,
		references.ExportToNamespaceNotFound,
		references.DestinationRuleSubsetDuplicate,
		references.DestinationRuleSubsetWithoutLabels,
		references.SidecarSelectorNoWorkload,
		references.SidecarSelectorConflict,
		references.SidecarDefaultDuplicate,
		references.DestinationRuleSubsetSelectsNoWorkload,
		references.UseWaypointNotFound,
		references.UseWaypointNotAccepted,
		references.PolicyTargetRefNotFound,
		references.PolicyTargetsServiceWithoutWaypoint,
		routing.VirtualServiceNoDefaultRoute,
		routing.ServiceEntryTCPWithoutAddresses,
		routing.RouteWeights,
		routing.VersionsWithoutVirtualService,
		routing.MeshVirtualServicesSameHost,
		routing.RetryTimeoutNotShorter,
		routing.ServiceEntryConflictingProtocol,
		routing.JWTClaimRouteWithoutRequestAuthentication,
		routing.GatewayRouteBypassesMeshSubsets,
		routing.OversizedRoutingResource,
		injection.NamespaceInjectionMissing,
		injection.WorkloadUID1337,
		injection.InjectAnnotation,
		injection.InjectionLabelConflict,
		injection.PolicyTargetsWorkloadOutsideMesh,
		injection.ServiceMixedInjection,
		injection.ProxyImageMismatch,
		injection.InjectionWebhookInvalid,
		injection.NamespaceInjectionLabelsConflict,
		injection.ProxyImageAutoNotInjected,
		injection.WorkloadAmbientLabelWithSidecar,
		injection.AmbientLabelOnWorkloadMetadata,
		security.DestinationRuleTLSWithoutCA,
		security.DestinationRulePortTLSWithoutCA,
		security.DestinationRuleMTLSDisabledStrict,
		security.PeerAuthenticationDisableMutualDestinationRule,
		security.AuthorizationPolicyMTLSFieldsWithoutMTLS,
		security.AuthorizationPolicyNoWorkload,
		security.AuthorizationPolicySourceNamespaceNotFound,
		security.RequestAuthenticationJWKSFetchUnrestricted,
		security.AuthorizationPolicyNotEnforcedByZtunnel,
		gateways.GatewayHTTPSRedirectOnTLSServer,
		gateways.GatewayServerHostNotRouted,
		gateways.GatewayPortNotInService,
		gateways.GatewayServerConflict,
		gateways.GatewaySharedCertificate,
		gateways.GatewayCredentialNotFound,
		gateways.GatewayAPICRDBelowMinimum,
		gateways.GatewayAPIPolicySelector,
		gateways.GatewayCredentialInvalid,
		extensions.EnvoyFilterRelativeOperation,
		extensions.EnvoyFilterReplaceMisused,
		extensions.EnvoyFilterAddMisused,
		extensions.EnvoyFilterRemoveMisused,
		extensions.EnvoyFilterRelativeOperationProxyVersion,
		extensions.EnvoyFilterDeprecatedFilterName,
		extensions.TelemetrySelectorNoWorkload,
		extensions.TelemetrySelectorOverlap,
		extensions.TelemetryDefaultDuplicate,
		extensions.TelemetryAccessLoggingNoProvider,
		extensions.TelemetryLightstepProvider,
		lifecycle.DestinationRuleAfterVirtualService,
		lifecycle.NamespaceAfterResources,
		lifecycle.CRDAfterCustomResources,
		lifecycle.WorkloadBeforeItsConfig,
		lifecycle.GatewayCredentialAfterGateway,
		lifecycle.IstioWebhookClientConfigInvalid,
		lifecycle.IstioWebhookAddressNotHostname,
		metadata.ServicePortNameProtocol,
		metadata.ExternalNameServicePortName,
		metadata.ServicePortProtocolConflict,
		metadata.ServiceTargetPortConflict,
		metadata.IstioAnnotationUnknown,
		metadata.IstioAnnotationMisplaced,
		metadata.IstioAnnotationInvalid,
		metadata.IstioAnnotationDeprecated,
		metadata.IstioAnnotationAlpha,
	}
}

// Retired rule IDs, kept so that no new rule takes them: an ID never
// changes meaning once released. Each names the rule that now does its
// check, whose Retired field makes the old ID and name select it.
//
//	ML0233 serviceentry-address-required → ML2002: both reported a TCP port
//	       of a ServiceEntry without addresses, on the same line.
var Retired = map[string]string{
	"ML0233": "ML2002",
}
