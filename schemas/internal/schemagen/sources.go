// Package schemagen builds meshlint's embedded schemas (schemas/data and
// schemas/SOURCES.md) from pinned upstream modules fetched through the Go
// module proxy. It is a package, not just the generator's main, so that
// schemas' tests can run it and compare its output with the committed files.
package schemagen

import "github.com/meshlint/meshlint/schemas"

// The pinned sources. To move to a newer release, change a version here,
// run `go generate ./schemas` and commit schemas/data and schemas/SOURCES.md
// together. They live here rather than in schemas/gen/main.go because the
// up-to-date test must generate from the same pins.
const (
	// IstioModule is kept at the version go.mod requires, so the schemas
	// match the typed Istio API meshlint compiles against (a test checks).
	IstioModule  = "istio.io/api"
	IstioVersion = "v1.31.1"
	IstioCRDFile = "kubernetes/customresourcedefinitions.gen.yaml"

	// KubernetesModule carries the OpenAPI v3 documents of the built-in
	// API groups: the newest non-pre-release on the proxy when pinned.
	KubernetesModule  = schemas.KubernetesModule
	KubernetesVersion = "v1.36.3"
	kubernetesSpecDir = "api/openapi-spec/v3/"

	// GatewayAPIModule is the Kubernetes Gateway API at the release Istio
	// supports: the version Istio's go.mod requires, not the newest one. A
	// newer release can stop serving a version Istio still serves (v1.7.0's
	// experimental channel dropped v1alpha2 TCPRoute and TLSRoute).
	GatewayAPIModule  = "sigs.k8s.io/gateway-api"
	GatewayAPIVersion = "v1.6.0"
)

// Istio builds and tests against the Gateway API's experimental channel
// (its integration tests install config/crd/experimental), a superset of
// the standard one: its CRDs are the schemas, and what they serve and
// deprecate is what meshlint reports. The standard channel is read only to
// mark the versions it does not serve (Entry.Channel).
const (
	gatewayExperimentalDir = "config/crd/experimental/"
	gatewayStandardDir     = "config/crd/standard/"
)

// coreKinds are the built-in kinds meshlint validates, by OpenAPI v3
// document. Each is found in its document by x-kubernetes-group-version-kind,
// not by definition name, so a rename upstream cannot pick a wrong type.
var coreKinds = []struct {
	file  string
	kinds []schemas.GVK
}{
	{"api__v1_openapi.json", gvks("", "v1",
		"Namespace", "Service", "Pod", "ServiceAccount", "ConfigMap", "Secret")},
	{"apis__apps__v1_openapi.json", gvks("apps", "v1",
		"Deployment", "StatefulSet", "DaemonSet", "ReplicaSet")},
	{"apis__batch__v1_openapi.json", gvks("batch", "v1", "Job", "CronJob")},
	{"apis__admissionregistration.k8s.io__v1_openapi.json", gvks("admissionregistration.k8s.io", "v1",
		"MutatingWebhookConfiguration", "ValidatingWebhookConfiguration")},
	{"apis__apiextensions.k8s.io__v1_openapi.json", gvks("apiextensions.k8s.io", "v1",
		"CustomResourceDefinition")},
}

func gvks(group, version string, kinds ...string) []schemas.GVK {
	out := make([]schemas.GVK, len(kinds))
	for i, k := range kinds {
		out[i] = schemas.GVK{Group: group, Version: version, Kind: k}
	}
	return out
}
