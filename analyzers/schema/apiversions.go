package schema

import (
	"regexp"
	"slices"
	"strconv"

	"github.com/meshlint/meshlint/analyzers"
	"github.com/meshlint/meshlint/graph"
	"github.com/meshlint/meshlint/schemas"
)

// apiRemoval is an API version the API server no longer serves for some kinds.
type apiRemoval struct {
	apiVersion string
	kinds      []string // nil: every kind of the version
	removedIn  string
	use        string // what to use instead ("" when nothing replaces it)
}

// removedAPIs lists the removals of the Kubernetes deprecated API migration
// guide (https://kubernetes.io/docs/reference/using-api/deprecation-guide/,
// releases 1.16, 1.22, 1.25, 1.26, 1.27, 1.29 and 1.32) and Istio's removed
// APIs (release notes of Istio 1.6: authentication and RBAC v1alpha1; 1.8:
// Mixer's config.istio.io).
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
	{"authentication.istio.io/v1alpha1", nil, "Istio 1.6", "security.istio.io/v1 PeerAuthentication and RequestAuthentication"},
	{"rbac.istio.io/v1alpha1", nil, "Istio 1.6", "security.istio.io/v1 AuthorizationPolicy"},
	{"config.istio.io/v1alpha2", nil, "Istio 1.8 (with Mixer)", "the Telemetry API or a WasmPlugin"},
}

// removedAPI returns the removal that applies to r, or nil.
func removedAPI(r *graph.Resource) *apiRemoval {
	for i, a := range removedAPIs {
		if a.apiVersion == r.APIVersion && (a.kinds == nil || slices.Contains(a.kinds, r.Kind)) {
			return &removedAPIs[i]
		}
	}
	return nil
}

func served(p *analyzers.Pass, group, version, kind string) bool {
	e, ok, _ := p.Schemas.Lookup(schemas.GVK{Group: group, Version: version, Kind: kind})
	return ok && e.Served && !e.Deprecated
}

// replacement names the preferred served, non-deprecated version of r's
// kind among the embedded ones ("; use gateway.networking.k8s.io/v1"), or
// "" when there is none.
func replacement(p *analyzers.Pass, r *graph.Resource) string {
	versions := schemas.Versions(r.Group, r.Kind)
	slices.SortFunc(versions, func(a, b string) int { return versionPriority(b) - versionPriority(a) })
	for _, v := range versions {
		if v != r.Version && served(p, r.Group, v, r.Kind) {
			if r.Group == "" {
				return "; use " + v
			}
			return "; use " + r.Group + "/" + v
		}
	}
	return ""
}

var kubeVersion = regexp.MustCompile(`^v(\d+)(?:(alpha|beta)(\d+))?$`)

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
