package schema

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/internal/lazyre"
	"github.com/meshlint/meshlint/schemas"
)

// apiRemoval is an API version the API server no longer serves for some kinds.
type apiRemoval struct {
	apiVersion string
	kinds      []string // nil: every kind of the version
	removedIn  string   // "": the version was never served
	use        string   // what to use instead
}

// removedAPIs lists what no CRD bundle can say: the removals of built-in
// Kubernetes kinds, which have no CRD (the deprecated API migration guide,
// https://kubernetes.io/docs/reference/using-api/deprecation-guide/,
// releases 1.16, 1.22, 1.25, 1.26, 1.27, 1.29 and 1.32), and the Istio
// groups whose CRDs were deleted with the group (Istio's CRD bundles per
// release and its 1.6 release notes: authentication and RBAC v1alpha1 in
// 1.6, the v1alpha2 routing kinds in 1.0, Mixer's config.istio.io in 1.8).
// What a CRD-defined kind serves comes from its CRD (apiVersionProblem);
// a test checks that this list names no kind the embedded CRDs define.
var removedAPIs = []apiRemoval{
	{"extensions/v1beta1", []string{"Deployment", "DaemonSet", "ReplicaSet"}, "Kubernetes 1.16", "apps/v1"},
	{"extensions/v1beta1", []string{"NetworkPolicy"}, "Kubernetes 1.16", "networking.k8s.io/v1"},
	{"extensions/v1beta1", []string{"PodSecurityPolicy"}, "Kubernetes 1.16", "Pod Security Admission (PodSecurityPolicy is gone since 1.25)"},
	{"extensions/v1beta1", []string{"Ingress"}, "Kubernetes 1.22", "networking.k8s.io/v1"},
	{"apps/v1beta1", []string{"Deployment", "StatefulSet", "ControllerRevision"}, "Kubernetes 1.16", "apps/v1"},
	{"apps/v1beta2", []string{"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ControllerRevision"}, "Kubernetes 1.16", "apps/v1"},
	{"networking.k8s.io/v1beta1", []string{"Ingress", "IngressClass"}, "Kubernetes 1.22", "networking.k8s.io/v1"},
	{"admissionregistration.k8s.io/v1beta1", []string{"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration"}, "Kubernetes 1.22", "admissionregistration.k8s.io/v1"},
	{"apiextensions.k8s.io/v1beta1", []string{"CustomResourceDefinition"}, "Kubernetes 1.22", "apiextensions.k8s.io/v1"},
	{"apiregistration.k8s.io/v1beta1", []string{"APIService"}, "Kubernetes 1.22", "apiregistration.k8s.io/v1"},
	{"authentication.k8s.io/v1beta1", []string{"TokenReview"}, "Kubernetes 1.22", "authentication.k8s.io/v1"},
	{"authorization.k8s.io/v1beta1", []string{"SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectAccessReview", "SelfSubjectRulesReview"}, "Kubernetes 1.22", "authorization.k8s.io/v1"},
	{"certificates.k8s.io/v1beta1", []string{"CertificateSigningRequest"}, "Kubernetes 1.22", "certificates.k8s.io/v1"},
	{"coordination.k8s.io/v1beta1", []string{"Lease"}, "Kubernetes 1.22", "coordination.k8s.io/v1"},
	{"rbac.authorization.k8s.io/v1beta1", []string{"ClusterRole", "ClusterRoleBinding", "Role", "RoleBinding"}, "Kubernetes 1.22", "rbac.authorization.k8s.io/v1"},
	{"scheduling.k8s.io/v1beta1", []string{"PriorityClass"}, "Kubernetes 1.22", "scheduling.k8s.io/v1"},
	{"storage.k8s.io/v1beta1", []string{"CSIDriver", "CSINode", "StorageClass", "VolumeAttachment"}, "Kubernetes 1.22", "storage.k8s.io/v1"},
	{"batch/v1beta1", []string{"CronJob"}, "Kubernetes 1.25", "batch/v1"},
	{"discovery.k8s.io/v1beta1", []string{"EndpointSlice"}, "Kubernetes 1.25", "discovery.k8s.io/v1"},
	{"events.k8s.io/v1beta1", []string{"Event"}, "Kubernetes 1.25", "events.k8s.io/v1"},
	{"autoscaling/v2beta1", []string{"HorizontalPodAutoscaler"}, "Kubernetes 1.25", "autoscaling/v2"},
	{"policy/v1beta1", []string{"PodDisruptionBudget"}, "Kubernetes 1.25", "policy/v1"},
	{"policy/v1beta1", []string{"PodSecurityPolicy"}, "Kubernetes 1.25", "Pod Security Admission (the pod-security.kubernetes.io namespace labels)"},
	{"node.k8s.io/v1beta1", []string{"RuntimeClass"}, "Kubernetes 1.25", "node.k8s.io/v1"},
	{"autoscaling/v2beta2", []string{"HorizontalPodAutoscaler"}, "Kubernetes 1.26", "autoscaling/v2"},
	{"flowcontrol.apiserver.k8s.io/v1beta1", []string{"FlowSchema", "PriorityLevelConfiguration"}, "Kubernetes 1.26", "flowcontrol.apiserver.k8s.io/v1"},
	{"storage.k8s.io/v1beta1", []string{"CSIStorageCapacity"}, "Kubernetes 1.27", "storage.k8s.io/v1"},
	{"flowcontrol.apiserver.k8s.io/v1beta2", []string{"FlowSchema", "PriorityLevelConfiguration"}, "Kubernetes 1.29", "flowcontrol.apiserver.k8s.io/v1"},
	{"flowcontrol.apiserver.k8s.io/v1beta3", []string{"FlowSchema", "PriorityLevelConfiguration"}, "Kubernetes 1.32", "flowcontrol.apiserver.k8s.io/v1"},
	// Istio 1.4 deprecated the v1alpha1 security APIs and 1.6 dropped them
	// (the rbac.istio.io CRDs still shipped in 1.6 but nothing read them).
	{"authentication.istio.io/v1alpha1", []string{"MeshPolicy"}, "Istio 1.6", "a security.istio.io/v1 PeerAuthentication in the root namespace (istio-system) for mesh-wide mTLS"},
	{"authentication.istio.io/v1alpha1", []string{"Policy"}, "Istio 1.6", "security.istio.io/v1 PeerAuthentication for its peers (mTLS) and RequestAuthentication, with an AuthorizationPolicy requiring a request principal, for its origins (JWT)"},
	{"authentication.istio.io/v1alpha1", nil, "Istio 1.6", "security.istio.io/v1 PeerAuthentication and RequestAuthentication"},
	{"rbac.istio.io/v1alpha1", []string{"ServiceRole", "ServiceRoleBinding", "AuthorizationPolicy"}, "Istio 1.6", "security.istio.io/v1 AuthorizationPolicy (one policy holds the selector, the rules and who they apply to)"},
	{"rbac.istio.io/v1alpha1", []string{"RbacConfig", "ClusterRbacConfig"}, "Istio 1.6", "security.istio.io/v1 AuthorizationPolicy (an ALLOW policy with an empty spec denies all requests by default in its namespace, or mesh-wide in the root namespace)"},
	{"rbac.istio.io/v1alpha1", nil, "Istio 1.6", "security.istio.io/v1 AuthorizationPolicy"},
	// config.istio.io/v1alpha2 held the v1alpha2 routing kinds (replaced in
	// Istio 0.8, gone in 1.0) and Mixer's kinds (gone with Mixer in 1.8).
	{"config.istio.io/v1alpha2", []string{"RouteRule"}, "Istio 1.0", "networking.istio.io/v1 VirtualService"},
	{"config.istio.io/v1alpha2", []string{"DestinationPolicy"}, "Istio 1.0", "networking.istio.io/v1 DestinationRule"},
	{"config.istio.io/v1alpha2", []string{"EgressRule"}, "Istio 1.0", "networking.istio.io/v1 ServiceEntry"},
	{"config.istio.io/v1alpha2", []string{"QuotaSpec", "QuotaSpecBinding"}, "Istio 1.8 (with Mixer)", "Envoy's local or global rate limit filter, configured through an EnvoyFilter"},
	{"config.istio.io/v1alpha2", nil, "Istio 1.8 (with Mixer)", "the Telemetry API (telemetry.istio.io) for metrics, logs and traces, or a WasmPlugin (extensions.istio.io) for custom policy"},
	// policy.istio.io was never an API group: it is the protobuf package of
	// Mixer's kinds, which were served as config.istio.io/v1alpha2.
	{"policy.istio.io/v1beta1", nil, "", "Mixer's kinds were config.istio.io/v1alpha2 until Istio 1.8 removed Mixer; use the Telemetry API (telemetry.istio.io) for metrics, logs and traces, or a WasmPlugin (extensions.istio.io) for custom policy"},
}

// removedAPI returns the removal that applies to r, or nil.
func removedAPI(r *graph.Resource) *apiRemoval {
	for i, a := range removedAPIs {
		if a.apiVersion == r.APIVersion && (a.kinds == nil || slices.ContainsFunc(a.kinds, func(k string) bool { return strings.EqualFold(k, r.Kind) })) {
			return &removedAPIs[i]
		}
	}
	return nil
}

func (a *apiRemoval) message(r *graph.Resource) string {
	if a.removedIn == "" {
		return fmt.Sprintf("%s %s was never served by the API server: %s", r.APIVersion, r.Kind, a.use)
	}
	return fmt.Sprintf("%s %s was removed in %s; use %s", r.APIVersion, r.Kind, a.removedIn, a.use)
}

// apiVersionProblem says why r's apiVersion cannot be applied, or "": a
// removal of the list above, a version its CRD defines but does not serve,
// or one the CRD of its kind does not define at all (EnvoyFilter as
// networking.istio.io/v1). ML0111 reports it; ML0105 stays silent on it.
func apiVersionProblem(p *analyzers.Pass, r *graph.Resource) string {
	if a := removedAPI(r); a != nil {
		return a.message(r)
	}
	e, ok, err := p.Schemas.Lookup(gvkOf(r))
	switch {
	case err != nil:
		return ""
	case ok && !e.Served:
		return fmt.Sprintf("%s %s is no longer served by its CustomResourceDefinition in %s%s",
			r.APIVersion, r.Kind, e.Release(), replacement(p, r))
	case ok:
		return ""
	}
	kind := kindCRD(p, r)
	if kind == nil {
		return "" // no CRD of the kind known: nothing to say
	}
	return fmt.Sprintf("%s %s does not exist: the %s CustomResourceDefinition of %s serves %s%s",
		r.APIVersion, r.Kind, r.Kind, kind.Release(), servedList(p, r), replacement(p, r))
}

// kindCRD returns an embedded CRD version of r's group and kind, or nil
// when there is none (a kind meshlint has no CRD of, or a built-in kind,
// whose embedded versions are not all the API server serves).
func kindCRD(p *analyzers.Pass, r *graph.Resource) *schemas.Entry {
	for _, v := range schemas.Versions(r.Group, r.Kind) {
		e, ok, _ := p.Schemas.Lookup(schemas.GVK{Group: r.Group, Version: v, Kind: r.Kind})
		if ok && !e.BuiltIn() {
			return e
		}
	}
	return nil
}

// servedList names the versions the CRD of r's kind serves, newest first
// ("v1, v1beta1", "v1alpha3 only").
func servedList(p *analyzers.Pass, r *graph.Resource) string {
	var names []string
	for _, v := range versionsByPriority(r.Group, r.Kind) {
		if e, ok, _ := p.Schemas.Lookup(schemas.GVK{Group: r.Group, Version: v, Kind: r.Kind}); ok && e.Served {
			names = append(names, v)
		}
	}
	if len(names) == 1 {
		return names[0] + " only"
	}
	return strings.Join(names, ", ")
}

func served(p *analyzers.Pass, group, version, kind string) bool {
	e, ok, _ := p.Schemas.Lookup(schemas.GVK{Group: group, Version: version, Kind: kind})
	return ok && e.Served && !e.Deprecated
}

// replacement names the preferred served, non-deprecated version of r's
// kind among the embedded ones ("; use gateway.networking.k8s.io/v1"), or
// "" when there is none.
func replacement(p *analyzers.Pass, r *graph.Resource) string {
	if v := preferredVersion(p, r); v != "" {
		return "; use " + apiVersion(r.Group, v)
	}
	return ""
}

// preferredVersion is the highest-priority served, non-deprecated version
// of r's kind other than r's own, or "".
func preferredVersion(p *analyzers.Pass, r *graph.Resource) string {
	for _, v := range versionsByPriority(r.Group, r.Kind) {
		if v != r.Version && served(p, r.Group, v, r.Kind) {
			return v
		}
	}
	return ""
}

func versionsByPriority(group, kind string) []string {
	versions := schemas.Versions(group, kind)
	slices.SortFunc(versions, func(a, b string) int { return versionPriority(b) - versionPriority(a) })
	return versions
}

func apiVersion(group, version string) string {
	if group == "" {
		return version
	}
	return group + "/" + version
}

var kubeVersion = lazyre.New(`^v(\d+)(?:(alpha|beta)(\d+))?$`)

// versionPriority orders Kubernetes API versions as the API server does:
// GA before beta before alpha, then by number (v2 > v1, v1beta2 > v1beta1).
func versionPriority(v string) int {
	m := kubeVersion.FindStringSubmatch(v)
	if m == nil {
		return 0
	}
	major, _ := strconv.Atoi(m[1])
	minor, _ := strconv.Atoi(m[3])
	stage := map[string]int{"alpha": 1, "beta": 2, "": 3}[m[2]]
	return stage*1_000_000 + major*1_000 + minor
}
