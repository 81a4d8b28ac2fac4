package graph

import (
	"fmt"
	"strings"
)

// GroupKind identifies a kind independently of its version: a
// VirtualService is the same object in v1alpha3 and v1.
type GroupKind struct {
	Group string
	Kind  string
}

func (gk GroupKind) String() string {
	if gk.Group == "" {
		return gk.Kind
	}
	return gk.Kind + "." + gk.Group
}

// API groups meshlint knows.
const (
	GroupNetworking = "networking.istio.io"
	GroupSecurity   = "security.istio.io"
	GroupTelemetry  = "telemetry.istio.io"
	GroupExtensions = "extensions.istio.io"
	GroupGatewayAPI = "gateway.networking.k8s.io"
	GroupInstall    = "install.istio.io"
	GroupApps       = "apps"
	GroupBatch      = "batch"
)

// Kinds the graph and analyzers refer to by name.
var (
	KindVirtualService  = GroupKind{GroupNetworking, "VirtualService"}
	KindDestinationRule = GroupKind{GroupNetworking, "DestinationRule"}
	KindGateway         = GroupKind{GroupNetworking, "Gateway"}
	KindServiceEntry    = GroupKind{GroupNetworking, "ServiceEntry"}
	KindSidecar         = GroupKind{GroupNetworking, "Sidecar"}
	KindK8sGateway      = GroupKind{GroupGatewayAPI, "Gateway"}
	KindService         = GroupKind{"", "Service"}
	KindNamespace       = GroupKind{"", "Namespace"}
	KindPod             = GroupKind{"", "Pod"}
	KindDeployment      = GroupKind{GroupApps, "Deployment"}
	KindStatefulSet     = GroupKind{GroupApps, "StatefulSet"}
	KindDaemonSet       = GroupKind{GroupApps, "DaemonSet"}
	KindReplicaSet      = GroupKind{GroupApps, "ReplicaSet"}
	KindJob             = GroupKind{GroupBatch, "Job"}
	KindCronJob         = GroupKind{GroupBatch, "CronJob"}

	KindEnvoyFilter           = GroupKind{GroupNetworking, "EnvoyFilter"}
	KindRequestAuthentication = GroupKind{GroupSecurity, "RequestAuthentication"}
	KindPeerAuthentication    = GroupKind{GroupSecurity, "PeerAuthentication"}
	KindAuthorizationPolicy   = GroupKind{GroupSecurity, "AuthorizationPolicy"}
	KindTelemetry             = GroupKind{GroupTelemetry, "Telemetry"}
	KindWasmPlugin            = GroupKind{GroupExtensions, "WasmPlugin"}

	KindIstioOperator = GroupKind{GroupInstall, "IstioOperator"}
)

// installConfigKinds are install-time configuration: files `istioctl
// install -f` reads and merges over a profile whose metadata is empty, not
// objects applied to a cluster (the in-cluster operator that watched them
// is gone since Istio 1.24). They need no metadata or name, and two of them
// are overlays of separate installs, not one object defined twice.
var installConfigKinds = map[GroupKind]bool{KindIstioOperator: true}

// IsInstallConfig reports whether gk is install-time configuration.
func IsInstallConfig(gk GroupKind) bool { return installConfigKinds[gk] }

// clusterScopedKinds have no namespace; a namespace written on them is ignored.
var clusterScopedKinds = map[string]bool{
	"Namespace": true, "Node": true, "PersistentVolume": true, "ClusterRole": true,
	"ClusterRoleBinding": true, "CustomResourceDefinition": true, "StorageClass": true,
	"MutatingWebhookConfiguration": true, "ValidatingWebhookConfiguration": true,
	"ValidatingAdmissionPolicy": true, "ValidatingAdmissionPolicyBinding": true,
	"PriorityClass": true, "IngressClass": true, "GatewayClass": true, "APIService": true,
	"RuntimeClass": true, "CSIDriver": true, "CSINode": true, "VolumeAttachment": true,
	"CertificateSigningRequest": true, "ClusterIssuer": true, "PodSecurityPolicy": true,
}

// IsClusterScoped reports whether objects of kind have no namespace.
func IsClusterScoped(kind string) bool { return clusterScopedKinds[kind] }

// splitAPIVersion splits "networking.istio.io/v1" into group and version;
// core kinds ("v1") have an empty group.
func splitAPIVersion(apiVersion string) (group, version string) {
	if i := strings.LastIndexByte(apiVersion, '/'); i >= 0 {
		return apiVersion[:i], apiVersion[i+1:]
	}
	return "", apiVersion
}

// workloadTemplatePaths says where each workload kind keeps its pod template.
var workloadTemplatePaths = map[GroupKind]string{
	KindDeployment:  "spec.template",
	KindStatefulSet: "spec.template",
	KindDaemonSet:   "spec.template",
	KindReplicaSet:  "spec.template",
	KindJob:         "spec.template",
	KindCronJob:     "spec.jobTemplate.spec.template",
	KindPod:         "",
}

// NotObject is a document that is not a cluster object, and why.
type NotObject struct {
	Location
	Why string
}

// notAnObject says why a document is YAML of another tool rather than a
// Kubernetes object ("" when it may be one): it has neither apiVersion nor
// kind (Helm values, docker-compose.yml), or it is client-side
// configuration that is never applied to a cluster (a Kustomization, a
// kubeconfig, a kind or kubeadm cluster config, anything annotated
// config.kubernetes.io/local-config). A document with only one of
// apiVersion and kind is a broken manifest instead, which ML0004 reports.
func notAnObject(obj map[string]any) string {
	_, hasAPIVersion := obj["apiVersion"]
	_, hasKind := obj["kind"]
	if !hasAPIVersion && !hasKind {
		return "no apiVersion, no kind"
	}
	apiVersion, _ := obj["apiVersion"].(string)
	kind, _ := obj["kind"].(string)
	group, _ := splitAPIVersion(apiVersion)
	meta, _ := obj["metadata"].(map[string]any)
	annotations, _ := meta["annotations"].(map[string]any)
	switch {
	case strings.HasSuffix(group, ".config.k8s.io"), group == "kubeadm.k8s.io", group == "kind.x-k8s.io",
		group == "kpt.dev", strings.HasPrefix(apiVersion, "skaffold/"), apiVersion == "v1" && kind == "Config":
		return "client-side configuration: " + apiVersion + " " + kind
	case annotations["config.kubernetes.io/local-config"] == "true", annotations["config.kubernetes.io/local-config"] == true:
		return "annotated config.kubernetes.io/local-config"
	case obj["$patch"] != nil:
		// A strategic-merge patch directive: kustomize applies the document
		// to an object of the same kind and name; it is not applied itself.
		return "a kustomize patch ($patch: " + fmt.Sprint(obj["$patch"]) + ")"
	}
	return ""
}
